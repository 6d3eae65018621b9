// VS Code's JSON language service (vscode-json-languageservice, the engine of VS Code's
// JSON support) on grprojects documents: what it completes and what it reports.
//
// Reads a job on standard input:
//   {"settings": [{"uri": schema file URI, "fileMatch": [glob, ...]}, ...],
//    "documents": [{"id": name, "uri": file URI, "text": text, "offset": cursor}, ...]}
// "settings" is what `json.schemas` in VS Code's settings says; a document may instead
// name its schema in "$schema". Schemas are read from local files only: no network.
// Writes {id: {"completions": [{"label", "documentation"}], "problems": [message, ...]}}.
"use strict";

const fs = require("fs");
const { fileURLToPath } = require("url");
const { getLanguageService, TextDocument } = require("vscode-json-languageservice");

function readLocal(uri) {
  if (!uri.startsWith("file:")) return Promise.reject(`not a local file: ${uri}`);
  return Promise.resolve(fs.readFileSync(fileURLToPath(uri), "utf8"));
}

function text(documentation) {
  if (documentation === undefined) return null;
  return typeof documentation === "string" ? documentation : documentation.value;
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, "utf8"));
  const service = getLanguageService({
    schemaRequestService: readLocal,
    workspaceContext: { resolveRelativePath: (path, resource) => new URL(path, resource).href },
  });
  service.configure({ validate: true, allowComments: false, schemas: job.settings });
  const answer = {};
  for (const item of job.documents) {
    const document = TextDocument.create(item.uri, "json", 1, item.text);
    const parsed = service.parseJSONDocument(document);
    const position = document.positionAt(item.offset);
    const list = await service.doComplete(document, position, parsed);
    const problems = await service.doValidation(document, parsed);
    answer[item.id] = {
      completions: (list ? list.items : []).map((c) => ({
        label: c.label,
        documentation: text(c.documentation),
      })),
      problems: problems.map((p) => p.message),
    };
  }
  process.stdout.write(JSON.stringify(answer));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
