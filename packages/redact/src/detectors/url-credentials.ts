import { isPlaceholderValue, isVariableReference } from '../text/values.js';
import type { Detector } from './detector.js';

const DB_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'oracle',
  'cockroachdb',
  'clickhouse',
  'couchdb',
  'cassandra',
  'neo4j',
  'neo4j+s',
  'bolt',
  'memcached',
  'snowflake',
  'db2',
  'firebird',
  'influxdb',
  'nats',
  'kafka',
]);

function isSchemeChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 46 ||
    c === 45
  );
}

function endsAuthority(c: number): boolean {
  // / ? # whitespace quotes < > \ end the authority part of a URL
  return (
    c === 47 ||
    c === 63 ||
    c === 35 ||
    c <= 32 ||
    c === 34 ||
    c === 39 ||
    c === 60 ||
    c === 62 ||
    c === 92 ||
    c === 96
  );
}

/**
 * `scheme://user:password@host`: the `user:password` part is replaced, the scheme and host stay.
 * Database schemes (postgres, mysql, mongodb, redis…) are reported as `db-connection-string`.
 */
export function urlCredentialsDetector(): Detector {
  return {
    id: 'url-credentials',
    anchors: ['://'],
    gate: (text) => text.includes('@'),
    detect(text, emit) {
      for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
        const from = i + 3;
        let colon = -1;
        let at = -1;
        const limit = Math.min(text.length, from + 1024);
        for (let j = from; j < limit; j++) {
          const c = text.charCodeAt(j);
          if (endsAuthority(c)) break;
          if (c === 64)
            at = j; // the last @ wins: `p@ss` unencoded in a password
          else if (c === 58 && colon === -1 && at === -1) colon = j;
        }
        if (at === -1 || colon === -1 || colon > at) continue;
        const password = text.slice(colon + 1, at);
        if (password.length === 0 || isVariableReference(password) || isPlaceholderValue(password))
          continue;
        let s = i;
        while (s > 0 && isSchemeChar(text.charCodeAt(s - 1))) s--;
        const scheme = text.slice(s, i).toLowerCase();
        emit(DB_SCHEMES.has(scheme) ? 'db-connection-string' : 'url-credentials', from, at);
      }
    },
  };
}
