// What one row costs Azurite's table store (LokiJS, in memory) to read, insert, replace and delete, in a
// collection of 1,000 to 600,000 rows indexed as Azurite indexes a table (binary indices on PartitionKey
// and RowKey). Azurite replaces an entity by removing and inserting it, and LokiJS keeps its indices by
// splicing arrays and, on a remove, renumbering every index entry: reads and inserts stay cheap as a
// table grows, a replace or delete costs in proportion to the table's rows (docs/performance.md).
//   node bench/azurite-row-costs.js
const path = require('path');
const Loki = require(path.join(__dirname, '..', 'node_modules', 'lokijs'));

const db = new Loki('row-costs');
const ops = 200;
const key = (prefix, i, width) => prefix + String(i).padStart(width, '0');

function perOp(action) {
  const start = process.hrtime.bigint();
  for (let k = 0; k < ops; k++) action(k);
  return Number(process.hrtime.bigint() - start) / 1e6 / ops;
}

for (const rows of [1000, 10000, 100000, 600000]) {
  const table = db.addCollection('t' + rows, { indices: ['PartitionKey', 'RowKey'] });
  for (let i = 0; i < rows; i++) table.insert({ PartitionKey: key('p', i, 9), RowKey: key('r-', i, 9), Value: i });
  const find = i => table.findOne({ RowKey: key('r-', i, 9), PartitionKey: key('p', i, 9) });
  find(0); // builds the indices
  const read = perOp(k => find((k * 11) % rows));
  const insert = perOp(k => table.insert({ PartitionKey: key('q', k, 9), RowKey: key('n-', k, 9), Value: k }));
  const replace = perOp(k => {
    const old = find((k * 7) % rows);
    table.remove(old);
    table.insert({ PartitionKey: old.PartitionKey, RowKey: old.RowKey, Value: old.Value + 1 });
  });
  const remove = perOp(k => table.remove(table.findOne({ RowKey: key('n-', k, 9), PartitionKey: key('q', k, 9) })));
  console.log(`${String(rows).padStart(7)} rows: read ${read.toFixed(3)} ms, insert ${insert.toFixed(3)} ms, replace ${replace.toFixed(3)} ms, delete ${remove.toFixed(3)} ms`);
  db.removeCollection('t' + rows);
}
