import { defineConfig } from 'drizzle-kit';

// The sync server's database (PostgreSQL; PGlite by default). Generated migrations
// are committed and append-only.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './drizzle/server',
});
