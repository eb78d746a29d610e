import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API at /console (apps/api/console/console.module.ts); `npm run dev` proxies the API on :3000.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    proxy: Object.fromEntries(['/auth', '/approvals', '/deals', '/reps', '/periods', '/plans', '/forecast', '/managers', '/health'].map((p) => [p, `http://127.0.0.1:${process.env.API_PORT ?? 3000}`])),
  },
});
