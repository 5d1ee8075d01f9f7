// A dev server on $PORT (default 3000).
const http = require('http');
const port = Number(process.env.PORT || 3000);
http.createServer((req, res) => res.end('hello\n')).listen(port, () => {
  console.log(`listening on ${port}`);
});
