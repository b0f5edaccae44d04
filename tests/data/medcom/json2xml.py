#!/usr/bin/env python3
"""Convert the FHIR JSON examples in examples/ to FHIR XML in xml/.

Written from the FHIR R4 XML rules (http://hl7.org/fhir/R4/xml.html), with
the Python standard library only, independently of the C writer in
src/core/medcom-xml.c, so the tests compare two implementations:

- a resource is an element named after its type, in the FHIR namespace;
- a primitive is an element with a `value` attribute (booleans "true"/"false");
- an element's `id` and an extension's `url` are attributes (a resource's
  id is an element);
- a repeating element is repeated; a contained resource (Bundle.entry.resource)
  sits inside its wrapper element;
- the narrative `div` is XHTML, copied in as XML.

Run from anywhere: python3 tests/data/medcom/json2xml.py
"""
import json
import pathlib
import xml.etree.ElementTree as ET

FHIR = "http://hl7.org/fhir"
XHTML = "http://www.w3.org/1999/xhtml"
HERE = pathlib.Path(__file__).resolve().parent


def primitive(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def add(parent, name, value, in_extension=False):
    if isinstance(value, list):
        for item in value:
            add(parent, name, item)
        return
    el = ET.SubElement(parent, f"{{{FHIR}}}{name}")
    if isinstance(value, dict):
        if "resourceType" in value:
            resource(el, value)
            return
        is_ext = name in ("extension", "modifierExtension")
        for key, v in value.items():
            if key.startswith("_"):
                raise SystemExit(f"primitive extension {key} not supported")
            if key == "id" or (is_ext and key == "url"):
                el.set(key, v)
            elif key == "div":
                el.append(ET.fromstring(v))
            else:
                add(el, key, v)
    else:
        el.set("value", primitive(value))


def resource(parent, res):
    tag = f"{{{FHIR}}}{res['resourceType']}"
    el = ET.Element(tag) if parent is None else ET.SubElement(parent, tag)
    for key, v in res.items():
        if key == "resourceType":
            continue
        add(el, key, v)
    return el


def main():
    ET.register_namespace("", FHIR)
    ET.register_namespace("xhtml", XHTML)
    src = HERE / "examples"
    count = 0
    for path in sorted(src.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        root = resource(None, data)
        ET.indent(root, space="  ")
        out = HERE / "xml" / path.relative_to(src).with_suffix(".xml")
        out.parent.mkdir(parents=True, exist_ok=True)
        body = ET.tostring(root, encoding="unicode")
        out.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", encoding="utf-8")
        count += 1
    print(f"json2xml: {count} files")


if __name__ == "__main__":
    main()
