export * from './entities';
export * from './data-source-options';
export * from './secret-cipher';
export * from './secret-key';
export { allMigrations } from './migrations';
export * from './wal-checkpointer';
export { ensurePrivateDirectory, ensurePrivateFile, restrictFile } from './private-files';
