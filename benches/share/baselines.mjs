// The two encodings vpcplay's links are compared with, by the libraries those sites use:
//   Mermaid Live:            `pako:` + base64url(pako.deflate(JSON, { level: 9 })), zlib-wrapped
//   TypeScript playground:   `code/` + LZString.compressToEncodedURIComponent(text)
// Each given file is read as text and measured as it is; one line per file:
//   FILE <tab> mermaid length <tab> lz-string length  (each with its marker)
import { readFileSync } from "node:fs";
import pako from "pako";
import LZString from "lz-string";

const base64url = (bytes) =>
  Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const mermaid = "pako:" + base64url(pako.deflate(new TextEncoder().encode(text), { level: 9 }));
  const lz = "code/" + LZString.compressToEncodedURIComponent(text);
  if (LZString.decompressFromEncodedURIComponent(lz.slice(5)) !== text) {
    throw new Error(`lz-string does not round-trip ${file}`);
  }
  if (new TextDecoder().decode(pako.inflate(Buffer.from(mermaid.slice(5), "base64url"))) !== text) {
    throw new Error(`pako does not round-trip ${file}`);
  }
  console.log(`${file}\t${mermaid.length}\t${lz.length}`);
}
