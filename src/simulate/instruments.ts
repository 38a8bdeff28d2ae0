// The instrument table lives in src/data/instruments.ts (one table for the importer's tick check and the
// simulator's P&L); re-exported here for the simulator's importers.
export { INSTRUMENTS, getInstrument } from '../data/instruments.ts';
