// Renders formulas with KaTeX exactly as a strict reader would (throwOnError, strict "error").
// stdin: a JSON list of {"tex": "...", "display": true|false}; stdout: a JSON list of
// error messages, null where the formula rendered.
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const errors = JSON.parse(input).map(({ tex, display }) => {
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error" });
      return null;
    } catch (error) {
      return String(error.message || error);
    }
  });
  process.stdout.write(JSON.stringify(errors));
});
