#!/usr/bin/env python3
"""Write broken/: one invalid MedCom message per validation rule.

Each variant is an example from examples/ with one small, named edit (the
edit below is the record of what was changed), plus a few hand-written
syntax errors. broken/expected.tsv lists each file with the error code the
library must report; tests/unit/core/test-medcom.c reads it.

Run from anywhere: python3 tests/data/medcom/make-broken.py
"""
import copy
import json
import pathlib
import xml.etree.ElementTree as ET

import json2xml

HERE = pathlib.Path(__file__).resolve().parent
EX = HERE / "examples"
OUT = HERE / "broken"

STIN = "hospitalnotification/STIN-a5e5b880-c087-4055-b9ec-99108695f81d.json"
STOR = "hospitalnotification/STOR-d3128d9b-cede-4c7f-8904-809eab322d7d.json"
AN_STIN = "hospitalnotification/AN_STIN-c83671a4-9584-11ec-b909-0242ac120002.json"
RE_STIN = "hospitalnotification/RE_STIN-bfab3e80-9584-11ec-b909-0242ac120002.json"
CC_NEW = "carecommunication/new-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json"
CC_ALL = "carecommunication/new-with-attachment-gfd00bc2-9c26-4174-934e-f6e4360845de.json"
CC_REPLY = "carecommunication/reply-with-attachment-b56549f7-ed10-422d-8088-f7222b686e46.json"
ACK_FATAL = "acknowledgement/fatal-error-bc9535ef-ed94-4060-a928-7baddec7ee71.json"


def load(name):
    return json.loads((EX / name).read_text(encoding="utf-8"))


def res(bundle, rtype, n=0):
    """The n-th resource of a type."""
    found = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == rtype]
    return found[n]


def header(b):
    return res(b, "MessageHeader")


def org(b, ref):
    oid = ref["reference"].split("/")[-1]
    return next(e["resource"] for e in b["entry"] if e["resource"].get("id") == oid)


def current_prov(b):
    hid = header(b)["id"]
    return next(e["resource"] for e in b["entry"]
                if e["resource"]["resourceType"] == "Provenance"
                and e["resource"]["target"][0]["reference"].endswith(hid))


def drop_type(b, rtype):
    b["entry"] = [e for e in b["entry"] if e["resource"]["resourceType"] != rtype]


def set_cpr(value):
    def edit(b):
        res(b, "Patient")["identifier"][0]["value"] = value
    return edit


def cpr_missing(b):
    res(b, "Patient")["identifier"][0]["system"] = "urn:oid:1.2.208.176.1.99"


def unknown_use_case(b):
    res(b, "Encounter")["status"] = "finished"  # admit-inpatient + finished is no use case


def unknown_activity(b):
    current_prov(b)["activity"]["coding"][0]["code"] = "admit-somewhere"


def missing_header(b):
    drop_type(b, "MessageHeader")


def header_not_first(b):
    b["entry"].append(b["entry"].pop(0))


def two_headers(b):
    h = copy.deepcopy(b["entry"][0])
    h["resource"]["id"] = "00000000-0000-4000-8000-000000000001"
    h["fullUrl"] = h["fullUrl"].rsplit("/", 1)[0] + "/" + h["resource"]["id"]
    b["entry"].insert(1, h)


def bad_sender_reference(b):
    header(b)["sender"]["reference"] = "Organization/does-not-exist"


def bad_focus_reference(b):
    header(b)["focus"][0]["reference"] = "Encounter/does-not-exist"


def duplicate_fullurl(b):
    b["entry"][2]["fullUrl"] = b["entry"][1]["fullUrl"]


def event_unknown(b):
    header(b)["eventCoding"]["code"] = "hospital-notification"


def sender_no_ean(b):
    o = org(b, header(b)["sender"])
    o["identifier"] = [i for i in o["identifier"] if i["system"] != "https://www.gs1.org/gln"]


def receiver_no_sor(b):
    o = org(b, header(b)["destination"][0]["receiver"])
    o["identifier"] = [i for i in o["identifier"] if i["system"] != "urn:oid:1.2.208.176.1.1"]


def no_primary_destination(b):
    header(b)["destination"][0]["extension"][0]["valueCoding"]["code"] = "cc"


def class_without_system(b):
    del res(b, "Encounter")["class"]["system"]  # as MedCom's receive test TEK_FCC


def status_bad(b):
    res(b, "Encounter")["status"] = "planned"


def no_episode(b):
    del res(b, "Encounter")["episodeOfCare"]


def no_period_start(b):
    del res(b, "Encounter")["period"]


def onleave_no_leave_start(b):
    del res(b, "Encounter")["extension"]


def provenance_not_for_this_message(b):
    current_prov(b)["target"][0]["reference"] = "MessageHeader/00000000-0000-4000-8000-000000000002"


def cancel_without_removal(b):
    current_prov(b)["entity"][0]["role"] = "revision"


def correction_without_prior(b):
    del current_prov(b)["entity"]


def two_patients(b):
    p = copy.deepcopy(next(e for e in b["entry"] if e["resource"]["resourceType"] == "Patient"))
    p["resource"]["id"] = "00000000-0000-4000-8000-000000000003"
    p["fullUrl"] = p["fullUrl"].rsplit("/", 1)[0] + "/" + p["resource"]["id"]
    b["entry"].append(p)


def timestamp_without_time(b):
    b["timestamp"] = "2022-12-07"


def not_message(b):
    b["type"] = "collection"


def occurred_without_zone(b):
    current_prov(b)["occurredDateTime"] = "2022-12-07T12:00:02"


def cc_priority_wrong_category(b):
    c = res(b, "Communication")
    c["priority"] = "asap"
    c["category"][0]["coding"][0]["code"] = "carecoordination"


def cc_other_without_topic(b):
    c = res(b, "Communication")
    c["category"][0]["coding"][0]["code"] = "other"
    c.pop("topic", None)


def cc_category_unknown(b):
    res(b, "Communication")["category"][0]["coding"][0]["code"] = "gossip"


def cc_no_text(b):
    c = res(b, "Communication")
    c["payload"] = [p for p in c["payload"] if "contentString" not in p]


def cc_attachment_no_title(b):
    c = res(b, "Communication")
    next(p for p in c["payload"] if "contentAttachment" in p)["contentAttachment"].pop("title")


def cc_attachment_bad_type(b):
    c = res(b, "Communication")
    att = next(p for p in c["payload"] if "data" in p.get("contentAttachment", {}))
    att["contentAttachment"]["contentType"] = "application/zip"


def cc_no_identifier(b):
    del res(b, "Communication")["identifier"]


def cc_author_without_name(b):
    del res(b, "Practitioner")["name"]


def cc_reply_without_prior(b):
    p = current_prov(b)
    p["entity"] = [e for e in p["entity"] if "reference" not in e["what"]]


def cc_retract(b):
    current_prov(b)["activity"]["coding"][0]["code"] = "retract-message"


def cc_encounter_without_episode(b):
    del res(b, "Encounter")["episodeOfCare"]


def cc_payload_without_date(b):
    p = res(b, "Communication")["payload"][0]
    p["extension"] = [x for x in p["extension"] if not x["url"].endswith("datetime-extension")]


def cc_no_cpr(b):
    del res(b, "Patient")["identifier"]


def ack_without_outcome(b):
    drop_type(b, "OperationOutcome")
    del header(b)["response"]["details"]


def ack_bad_code(b):
    header(b)["response"]["code"] = "maybe"


def ack_without_identifier(b):
    del header(b)["response"]["identifier"]


# (file stem, base example, edit, expected code, also as XML)
VARIANTS = [
    ("cpr-wrong-date", STIN, set_cpr("3213479989"), "cpr_invalid", True),
    ("cpr-nine-digits", STIN, set_cpr("250947998"), "cpr_invalid", False),
    ("cpr-with-dash", STIN, set_cpr("250947-9989"), "cpr_invalid", False),
    ("cpr-missing", STIN, cpr_missing, "cpr_missing", False),
    ("unknown-use-case", STIN, unknown_use_case, "unknown_use_case", True),
    ("unknown-activity", STIN, unknown_activity, "activity", False),
    ("missing-header", STIN, missing_header, "header_missing", True),
    ("header-not-first", STIN, header_not_first, "header_missing", False),
    ("two-headers", STIN, two_headers, "header_missing", False),
    ("bad-reference-sender", STIN, bad_sender_reference, "bad_reference", True),
    ("bad-reference-focus", STIN, bad_focus_reference, "bad_reference", False),
    ("duplicate-fullurl", STIN, duplicate_fullurl, "fullurl", False),
    ("event-unknown", STIN, event_unknown, "event", False),
    ("sender-without-ean", STIN, sender_no_ean, "sender_identifier", False),
    ("receiver-without-sor", STIN, receiver_no_sor, "receiver_identifier", False),
    ("no-primary-destination", STIN, no_primary_destination, "receiver", False),
    ("class-without-system", STIN, class_without_system, "encounter_class", True),
    ("encounter-status-planned", STIN, status_bad, "encounter_status", False),
    ("no-episode-of-care", STIN, no_episode, "episode_of_care", False),
    ("no-period-start", STIN, no_period_start, "period", False),
    ("onleave-without-leave-start", STOR, onleave_no_leave_start, "period", False),
    ("provenance-not-for-this-message", STIN, provenance_not_for_this_message, "provenance",
     False),
    ("cancel-without-removal", AN_STIN, cancel_without_removal, "provenance_role", False),
    ("correction-without-prior", RE_STIN, correction_without_prior, "provenance", False),
    ("two-patients", STIN, two_patients, "patient", False),
    ("timestamp-without-time", STIN, timestamp_without_time, "bundle", False),
    ("not-a-message-bundle", STIN, not_message, "not_message", False),
    ("occurred-without-zone", STIN, occurred_without_zone, "datetime", False),
    ("cc-priority-wrong-category", CC_ALL, cc_priority_wrong_category, "priority", False),
    ("cc-other-without-topic", CC_NEW, cc_other_without_topic, "topic", False),
    ("cc-category-unknown", CC_NEW, cc_category_unknown, "category", True),
    ("cc-no-text", CC_ALL, cc_no_text, "payload", False),
    ("cc-attachment-without-title", CC_ALL, cc_attachment_no_title, "attachment", False),
    ("cc-attachment-zip", CC_ALL, cc_attachment_bad_type, "attachment", False),
    ("cc-no-identifier", CC_NEW, cc_no_identifier, "communication", False),
    ("cc-author-without-name", CC_NEW, cc_author_without_name, "author", False),
    ("cc-reply-without-prior", CC_REPLY, cc_reply_without_prior, "provenance", False),
    ("cc-retract", CC_NEW, cc_retract, "activity", False),
    ("cc-encounter-without-episode", CC_ALL, cc_encounter_without_episode, "episode_of_care",
     False),
    ("cc-payload-without-date", CC_NEW, cc_payload_without_date, "payload", False),
    ("cc-no-cpr", CC_NEW, cc_no_cpr, "cpr_missing", False),
    ("ack-without-outcome", ACK_FATAL, ack_without_outcome, "outcome", False),
    ("ack-bad-code", ACK_FATAL, ack_bad_code, "response", False),
    ("ack-without-identifier", ACK_FATAL, ack_without_identifier, "response", False),
]

# Written by hand: syntax the parsers must refuse.
HAND = [
    ("malformed.json", '{"resourceType": "Bundle", "type": "message", "entry": [\n', "malformed_json"),
    ("duplicate-key.json", '{"resourceType": "Bundle", "resourceType": "Patient"}\n',
     "malformed_json"),
    ("empty.json", "  \n\t\n", "empty"),
    ("neither.txt", "MSH|^~\\&|hello\n", "not_fhir"),
    ("no-resource-type.json", '{"type": "message", "entry": []}\n', "not_fhir"),
    ("not-a-bundle.json", '{"resourceType": "Patient", "id": "x"}\n', "not_message"),
    ("malformed.xml",
     '<?xml version="1.0" encoding="UTF-8"?>\n<Bundle xmlns="http://hl7.org/fhir">\n'
     '  <id value="x"/>\n  <type value="message">\n</Bundle>\n', "malformed_xml"),
    ("doctype-entities.xml",
     '<?xml version="1.0"?>\n<!DOCTYPE Bundle [\n <!ENTITY a "aaaaaaaaaa">\n'
     ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
     ' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
     '<Bundle xmlns="http://hl7.org/fhir"><id value="&c;"/></Bundle>\n', "xml_doctype"),
    ("external-entity.xml",
     '<?xml version="1.0"?>\n<!DOCTYPE Bundle [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n'
     '<Bundle xmlns="http://hl7.org/fhir"><id value="&x;"/></Bundle>\n', "xml_doctype"),
    ("wrong-namespace.xml",
     '<?xml version="1.0"?>\n<Bundle xmlns="urn:example"><id value="x"/></Bundle>\n',
     "not_fhir"),
]


def to_xml(data):
    ET.register_namespace("", json2xml.FHIR)
    root = json2xml.resource(None, data)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    rows = []
    for stem, base, edit, code, xml_too in VARIANTS:
        data = load(base)
        edit(data)
        (OUT / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
        rows.append((f"{stem}.json", code, base))
        if xml_too:
            (OUT / f"{stem}.xml").write_text(to_xml(data), encoding="utf-8")
            rows.append((f"{stem}.xml", code, base))
    for name, text, code in HAND:
        (OUT / name).write_text(text, encoding="utf-8")
        rows.append((name, code, "hand-made"))
    with (OUT / "expected.tsv").open("w", encoding="utf-8") as f:
        f.write("# file\texpected error code\tmade from\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"make-broken: {len(rows)} files")


if __name__ == "__main__":
    main()
