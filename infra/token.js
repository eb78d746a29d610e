#!/usr/bin/env node
// Mints a dev JWT: node infra/token.js <sub> <role[,role...]> [secret]
const jwt = require('jsonwebtoken');
const [sub, roles = '', secret = process.env.AUTH_JWT_SECRET || 'tranche-dev-secret-change-me'] = process.argv.slice(2);
if (!sub) {
  console.error('usage: node infra/token.js <sub> <role[,role...]>');
  process.exit(2);
}
process.stdout.write(jwt.sign({ sub, roles: roles.split(',').filter(Boolean) }, secret, { algorithm: 'HS256', expiresIn: '12h' }));
