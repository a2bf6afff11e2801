#!/usr/bin/env node
import { main } from './main.ts';

const io = {
  out: (text: string): void => {
    process.stdout.write(`${text}\n`);
  },
  err: (text: string): void => {
    process.stderr.write(`${text}\n`);
  },
};

process.exitCode = await main(process.argv.slice(2), io);
