import { defineConfig } from 'drizzle-kit';

// Local desktop database (SQLite/SQLCipher). Generated migrations are committed
// and append-only.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/db/schema.ts',
  out: './drizzle/local',
});
