import { createDataSource, migrate } from './data-source';

async function main(): Promise<void> {
  const dataSource = createDataSource();
  const applied = await migrate(dataSource);
  console.log(applied.length ? `[migrate] applied ${applied.join(', ')}` : '[migrate] schema is up to date');
  await dataSource.destroy();
}

main().catch((err) => {
  console.error(`[migrate] failed: ${err.message}`);
  process.exit(1);
});
