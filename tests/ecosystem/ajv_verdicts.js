// Ajv 8 (draft 2020-12, default options, ajv-formats) on grprojects' published schemas.
//
// Reads a job on standard input:
//   {"schemas": [path, ...], "declare": [keyword, ...],
//    "documents": [{"id": name, "schema": $id, "path": path}, ...]}
// and writes to standard output:
//   {"compiled": {path: null or Ajv's error}, "strictest": {path: null or error},
//    "warnings": [...], "verdicts": {id: {"valid": bool, "errors": [...]}}}
// Each schema is compiled by an Ajv with default options, as a user would; one that
// this refuses is compiled again by an Ajv that is told the job's "declare" keywords
// (the frozen 1.0 schemas' x- annotations), so its documents still get a verdict.
// "strictest" is the outcome with every strict option an error (`strict: true`: union
// types, `required` of undefined properties, keywords without their `type` too).
"use strict";

const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const warnings = [];
const logger = {
  log: () => {},
  warn: (...parts) => warnings.push(parts.join(" ")),
  error: (...parts) => warnings.push(parts.join(" ")),
};

function ajv(options) {
  const made = new Ajv2020({ logger, ...options });
  addFormats(made);
  return made;
}

const job = JSON.parse(fs.readFileSync(0, "utf8"));
const strict = ajv({});
const declared = ajv({ keywords: job.declare || [] });
const compiled = {};
const strictest = {};
const validators = {};

for (const path of job.schemas) {
  const schema = JSON.parse(fs.readFileSync(path, "utf8"));
  try {
    validators[schema.$id] = strict.compile(schema);
    compiled[path] = null;
  } catch (error) {
    compiled[path] = error.message;
    validators[schema.$id] = declared.compile(schema);
  }
  try {
    ajv({ strict: true }).compile(schema);
    strictest[path] = null;
  } catch (error) {
    strictest[path] = error.message;
  }
}

const verdicts = {};
for (const document of job.documents) {
  const validate = validators[document.schema];
  if (validate === undefined) throw new Error(`no schema ${document.schema} for ${document.id}`);
  const value = JSON.parse(fs.readFileSync(document.path, "utf8"));
  const valid = validate(value);
  const errors = (validate.errors || []).map((e) => `${e.instancePath} ${e.keyword}: ${e.message}`);
  verdicts[document.id] = { valid, errors: errors.slice(0, 5) };
}

process.stdout.write(JSON.stringify({ compiled, strictest, warnings, verdicts }));
