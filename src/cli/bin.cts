#!/usr/bin/env node
/**
 * The `glue-eval` command. The tokenizer encodes on libuv's thread pool, which has 4 threads
 * unless UV_THREADPOOL_SIZE says otherwise when the pool starts; an ES module runs only after
 * Node's module loader has started it. This CommonJS entry sizes the pool to the machine first
 * (one thread per core, at least 4; a value in the environment wins), then loads the CLI.
 */
import os = require("node:os");

process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, os.availableParallelism()));
void import("./main.js");
