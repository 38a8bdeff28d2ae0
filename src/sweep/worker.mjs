// Worker threads do not inherit tsx's loader on Node 20 (DEPENDENCIES.md G5): load the TypeScript worker through tsImport.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./worker.ts', import.meta.url);
export default mod.default;
