// What Azurite's table store (LokiJS in memory) costs per query, point read and write at 5,000 / 100,000 /
// 600,000 stored entities, timed on Azurite's own code where it has one (its query generator and the chain
// it runs) and on LokiJS as Azurite calls it: an insert, a replace (Azurite's update of an entity is a
// remove and an insert) and a delete (docs/performance.md, "Azurite's costs").
// Run from the repository root: node bench/azurite-costs.js
// Prints figures; it asserts nothing (no timed unit tests).
'use strict';

const path = require('node:path');
const { createRequire } = require('node:module');

// `require` resolves relative to this script: resolve Azurite and LokiJS from the repository's node_modules.
const fromRoot = createRequire(path.join(process.cwd(), 'package.json'));
const Loki = fromRoot('lokijs');
const queries = fromRoot('azurite/dist/src/table/persistence/LokiTableStoreQueryGenerator.js').default;

const sizes = [5_000, 100_000, 600_000];
const pad = (i) => String(i).padStart(8, '0');

// A collection as Azurite makes one for a table, filled with `n` entities shaped like Azurite's documents.
function filled(n, partitionKey, rowKey) {
  const db = new Loki('bench');
  const table = db.addCollection('entities', { indices: ['PartitionKey', 'RowKey'] });
  for (let i = 0; i < n; i++) {
    const PartitionKey = partitionKey(i);
    const RowKey = rowKey(i);
    table.insert({
      PartitionKey,
      RowKey,
      properties: { PartitionKey, RowKey, Id: 'id' + pad(i), Kind: 'SelfScreening', Result: 'LikelyEligible', Summary: 'x'.repeat(80) },
      lastModifiedTime: '2026-12-02T00:00:00.000Z',
      eTag: 'W/"datetime\'2026-12-02T00%3A00%3A00.000Z\'"',
    });
  }
  return table;
}

// Azurite's queryTableEntities: where(filter).where(continuation).sort(PartitionKey, RowKey).limit(top + 1).
function query(table, filter, top) {
  const where = queries.generateQueryForPersistenceLayer({ filter }, {});
  return table.chain()
    .where(where)
    .where(() => true)
    .sort((a, b) => (a.PartitionKey > b.PartitionKey ? 1 : a.PartitionKey === b.PartitionKey ? (a.RowKey > b.RowKey ? 1 : a.RowKey === b.RowKey ? 0 : -1) : -1))
    .limit(top + 1)
    .data();
}

// Azurite's point read (and the look-up of every insert, upsert, merge and delete).
const pointRead = (table, PartitionKey, RowKey) => table.findOne({ RowKey, PartitionKey });

// The median of `times` runs of `run`, in milliseconds; checks what each run returns.
function median(times, run, check) {
  const ms = [];
  for (let k = 0; k < times; k++) {
    const start = process.hrtime.bigint();
    const result = run(k);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!check(result)) throw new Error('unexpected result');
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

const rows = [];
for (const n of sizes) {
  // The lists partition: one partition, row keys s-00000000 ...
  const lists = filled(n, () => 'lists', (i) => 's-' + pad(i));
  const range50 = median(5, () => query(lists, "PartitionKey eq 'lists' and RowKey gt 's-00000010' and RowKey lt 's-00000061'", 50), (r) => r.length === 50);
  const rangeAll = median(3, () => query(lists, "PartitionKey eq 'lists' and RowKey gt 's-' and RowKey lt 's-~'", 50), (r) => r.length === 51);
  const listsPoint = median(9, (k) => pointRead(lists, 'lists', 's-' + pad((n / 2 + k) % n)), (d) => d !== null);

  // The submissions table, one partition per submission: the contact row under a row key every partition shares (before) ...
  let submissions = filled(n, (i) => 'p' + pad(i), () => 'contact');
  const shared = median(9, (k) => pointRead(submissions, 'p' + pad((n / 2 + k) % n), 'contact'), (d) => d !== null);
  // ... and under one that ends with the submission's id (now).
  submissions = filled(n, (i) => 'p' + pad(i), (i) => 'contact-p' + pad(i));
  const unique = median(9, (k) => pointRead(submissions, 'p' + pad((n / 2 + k) % n), 'contact-p' + pad((n / 2 + k) % n)), (d) => d !== null);

  // Writes into the same table: LokiJS keeps its binary indices by splicing arrays, and on a remove
  // renumbers every entry of both, so a replace or delete costs in proportion to the table's rows.
  const copy = (d) => ({ PartitionKey: d.PartitionKey, RowKey: d.RowKey, properties: { ...d.properties }, lastModifiedTime: d.lastModifiedTime, eTag: d.eTag });
  const insert = median(9, (k) => submissions.insert(copy({ ...submissions.data[0], PartitionKey: 'n' + pad(k), RowKey: 'contact-n' + pad(k) })), (d) => d !== null);
  const replace = median(9, (k) => {
    const old = pointRead(submissions, 'p' + pad((Math.floor(n / 3) + k) % n), 'contact-p' + pad((Math.floor(n / 3) + k) % n));
    submissions.remove(old);
    return submissions.insert(copy(old));
  }, (d) => d !== null);
  const remove = median(9, (k) => {
    submissions.remove(pointRead(submissions, 'n' + pad(k), 'contact-n' + pad(k)));
    return pointRead(submissions, 'n' + pad(k), 'contact-n' + pad(k));
  }, (d) => d === null);
  submissions = null;

  rows.push({ n, range50, rangeAll, listsPoint, unique, shared, insert, replace, remove });
}

const f = (ms) => ms.toFixed(ms < 1 ? 3 : 1).padStart(10);
console.log(`Azurite ${fromRoot('azurite/package.json').version}, LokiJS ${fromRoot('lokijs/package.json').version}, Node ${process.version}; median ms per call`);
console.log('| entities | range, 50 match | range, all match, top 50 | point read, lists | point read, unique row keys | point read, row key shared by every partition |');
console.log('|---------:|----------------:|-------------------------:|------------------:|----------------------------:|----------------------------------------------:|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en-US').padStart(8)} | ${f(r.range50)} | ${f(r.rangeAll)} | ${f(r.listsPoint)} | ${f(r.unique)} | ${f(r.shared)} |`);
}
console.log();
console.log('| entities | insert | replace (remove and insert) | delete |');
console.log('|---------:|-------:|----------------------------:|-------:|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en-US').padStart(8)} | ${f(r.insert)} | ${f(r.replace)} | ${f(r.remove)} |`);
}
