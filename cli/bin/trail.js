#!/usr/bin/env node
// Cache compiled bytecode between runs: read commands must start in tens of milliseconds.
import module from 'node:module';
module.enableCompileCache?.();
await import('../dist/main.js');
