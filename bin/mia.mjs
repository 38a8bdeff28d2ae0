#!/usr/bin/env node
// mia runs its TypeScript sources through tsx: no build step, so a fresh clone works after `npm ci`.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');
