"""The Coretax DJP Pasal 21 imports as bytes: BPMP (``MmPayrollBulk``) and BPA2 (``A2Bulk``),
validated against ``formats/coretax.xsd`` (shared/domain/year-end.md §2).

- ``BPMP_FIELDS`` / ``A2_FIELDS``: the row elements in the order the DJP converters write them;
- ``bulk_xml``: one file's bytes from its rows (a list of ``{element: value}``, ``None`` written
  ``xsi:nil="true"``). The bytes depend only on the rows and their order: no time stamp, no
  generated id, fixed indentation, ``\\n`` line ends, so a re-export is byte-identical;
- ``validate``: every error of a file against the XSD, each with the element's path.

Validation needs no package outside the standard library: ``XsdSubset`` reads the schema and
checks what it says (named simple types with their pattern, enumeration, min/max, length and
fraction-digit facets; sequences with minOccurs/maxOccurs; nillable elements), and refuses a
schema that uses anything else. When the ``xmlschema`` package is installed its errors are
added (``validators()`` says which ran).

The files hold NIKs: personal data (docs/formats.md). Nothing here logs a value.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

XSD_PATH = Path(__file__).with_name("coretax.xsd")
XS = "{http://www.w3.org/2001/XMLSchema}"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
XSI_URI = "http://www.w3.org/2001/XMLSchema-instance"

BPMP_ROOT, BPMP_LIST, BPMP_ROW = "MmPayrollBulk", "ListOfMmPayroll", "MmPayroll"
A2_ROOT, A2_LIST, A2_ROW = "A2Bulk", "ListOfA2", "A2"

BPMP_FIELDS: tuple[str, ...] = (
    "TaxPeriodMonth",
    "TaxPeriodYear",
    "CounterpartOpt",
    "CounterpartPassport",
    "CounterpartTin",
    "StatusTaxExemption",
    "Position",
    "TaxCertificate",
    "TaxObjectCode",
    "Gross",
    "Rate",
    "IDPlaceOfBusinessActivity",
    "WithholdingDate",
)
A2_FIELDS: tuple[str, ...] = (
    "WorkForSecondEmployer",
    "TaxPeriodMonthStart",
    "TaxPeriodMonthEnd",
    "TaxPeriodYear",
    "CounterpartTin",
    "CounterpartNipNrp",
    "TaxExemptOpt",
    "StatusOfWithholding",
    "CounterpartPosition",
    "CounterpartRank",
    "TaxObjectCode",
    "NumberOfMonths",
    "SalaryPensionJhtTht",
    "WifeBenefit",
    "ChildBenefit",
    "IncomeImprovementBenefit",
    "StructuralFunctionalBenefit",
    "RiceBenefit",
    "OtherBenefit",
    "OtherRegularIncome",
    "PensionContributionJhtThtFee",
    "Zakat",
    "PrevWhTaxSlip",
    "Article21IncomeTax",
    "IDPlaceOfBusinessActivity",
    "WithholdingDate",
)
FORMS = {"bpmp": (BPMP_ROOT, BPMP_LIST, BPMP_ROW, BPMP_FIELDS),
         "bpa2": (A2_ROOT, A2_LIST, A2_ROW, A2_FIELDS)}  # fmt: skip


def text_of(value: object) -> str | None:
    """The element text of a value: integers as digits, decimals without trailing zeros (TER
    ``1.2500`` -> ``1.25``, ``6.0000`` -> ``6``), dates ISO; ``None`` stays None (nil)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a boolean is not a Coretax value: write Yes/No")
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def bulk_xml(form: str, tin: str, rows: list[dict[str, object]]) -> bytes:
    """The XML of one form ('bpmp' or 'bpa2') with the withholder's NPWP and the rows, in the
    given order, every field of the row element present (nil where the value is None)."""
    root, list_tag, row_tag, fields = FORMS[form]
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<{root} xmlns:xsi="{XSI_URI}">',
        f"  <TIN>{escape(str(tin))}</TIN>",
        f"  <{list_tag}>",
    ]
    for row in rows:
        unknown = set(row) - set(fields)
        if unknown:
            raise KeyError(f"{row_tag}: unknown element(s) {sorted(unknown)}")
        out.append(f"    <{row_tag}>")
        for name in fields:
            text = text_of(row.get(name))
            if text is None:
                out.append(f'      <{name} xsi:nil="true"/>')
            else:
                out.append(f"      <{name}>{escape(text)}</{name}>")
        out.append(f"    </{row_tag}>")
    out += [f"  </{list_tag}>", f"</{root}>", ""]
    return "\n".join(out).encode("utf-8")


# --- validation against the XSD -----------------------------------------------------------------


class UnsupportedSchema(ValueError):
    """The XSD uses a construct the subset validator does not implement."""


@dataclass(frozen=True)
class SimpleType:
    name: str
    base: str  # string | integer | decimal | date
    patterns: tuple[str, ...] = ()
    enumeration: tuple[str, ...] = ()
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    min_length: int | None = None
    max_length: int | None = None
    fraction_digits: int | None = None


@dataclass(frozen=True)
class Particle:
    name: str
    type: str  # a named simple or complex type, or xs:<builtin>
    min_occurs: int
    max_occurs: int | None  # None: unbounded
    nillable: bool


BUILTINS = {"string", "integer", "decimal", "date"}
FACETS = {"pattern", "enumeration", "minInclusive", "maxInclusive", "minLength", "maxLength",
          "fractionDigits"}  # fmt: skip
INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
DATE = re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}")


def _local(tag: str) -> str:
    if not tag.startswith(XS):
        raise UnsupportedSchema(f"element {tag!r} outside the XML Schema namespace")
    return tag[len(XS) :]


def _type_name(value: str) -> str:
    return "xs:" + value[3:] if value.startswith("xs:") else value


class XsdSubset:
    """The part of XML Schema that ``coretax.xsd`` uses, read from the file and applied."""

    def __init__(self, xsd: bytes) -> None:
        schema = ET.fromstring(xsd)
        if _local(schema.tag) != "schema":
            raise UnsupportedSchema("the root is not xs:schema")
        self.simple: dict[str, SimpleType] = {}
        self.complex: dict[str, tuple[Particle, ...]] = {}
        self.roots: dict[str, str] = {}
        for node in schema:
            kind = _local(node.tag)
            if kind == "simpleType":
                self._simple(node)
            elif kind == "complexType":
                self._complex(node)
            elif kind == "element":
                if set(node.attrib) != {"name", "type"}:
                    raise UnsupportedSchema(f"global element attributes {sorted(node.attrib)}")
                self.roots[node.attrib["name"]] = _type_name(node.attrib["type"])
            elif kind != "annotation":
                raise UnsupportedSchema(f"xs:{kind}")
        for particles in self.complex.values():
            for p in particles:
                self._known(p.type)
        for t in self.roots.values():
            self._known(t)

    def _known(self, name: str) -> None:
        if name.startswith("xs:"):
            if name[3:] not in BUILTINS:
                raise UnsupportedSchema(f"built-in type {name}")
        elif name not in self.simple and name not in self.complex:
            raise UnsupportedSchema(f"type {name!r} is not defined")

    def _simple(self, node: ET.Element) -> None:
        name = node.attrib["name"]
        [restriction] = list(node)
        if _local(restriction.tag) != "restriction":
            raise UnsupportedSchema(f"simpleType {name}: only xs:restriction")
        base = _type_name(restriction.attrib["base"])
        if not base.startswith("xs:") or base[3:] not in BUILTINS:
            raise UnsupportedSchema(f"simpleType {name}: base {base}")
        facets: dict[str, list[str]] = {}
        for facet in restriction:
            kind = _local(facet.tag)
            if kind not in FACETS:
                raise UnsupportedSchema(f"simpleType {name}: facet xs:{kind}")
            facets.setdefault(kind, []).append(facet.attrib["value"])

        def one(kind: str, cast):
            return cast(facets[kind][0]) if kind in facets else None

        self.simple[name] = SimpleType(
            name,
            base[3:],
            tuple(facets.get("pattern", ())),
            tuple(facets.get("enumeration", ())),
            one("minInclusive", Decimal),
            one("maxInclusive", Decimal),
            one("minLength", int),
            one("maxLength", int),
            one("fractionDigits", int),
        )

    def _complex(self, node: ET.Element) -> None:
        name = node.attrib["name"]
        [sequence] = list(node)
        if _local(sequence.tag) != "sequence":
            raise UnsupportedSchema(f"complexType {name}: only xs:sequence")
        particles = []
        for el in sequence:
            if _local(el.tag) != "element":
                raise UnsupportedSchema(f"complexType {name}: xs:{_local(el.tag)} in a sequence")
            extra = set(el.attrib) - {"name", "type", "minOccurs", "maxOccurs", "nillable"}
            if extra:
                raise UnsupportedSchema(f"complexType {name}: attributes {sorted(extra)}")
            high = el.attrib.get("maxOccurs", "1")
            particles.append(
                Particle(
                    el.attrib["name"],
                    _type_name(el.attrib["type"]),
                    int(el.attrib.get("minOccurs", "1")),
                    None if high == "unbounded" else int(high),
                    el.attrib.get("nillable", "false") == "true",
                )
            )
        self.complex[name] = tuple(particles)

    # -- instance validation --

    def errors(self, data: bytes) -> list[str]:
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            return [f"not well-formed XML: {exc}"]
        if root.tag not in self.roots:
            return [f"/{root.tag}: not a root element of the schema ({', '.join(self.roots)})"]
        out: list[str] = []
        self._element(root, self.roots[root.tag], f"/{root.tag}", False, out)
        return out

    def _element(self, el: ET.Element, type_name: str, path: str, nillable: bool, out) -> None:
        attrs = dict(el.attrib)
        nil = attrs.pop(XSI_NIL, None)
        if attrs:
            out.append(f"{path}: attribute(s) not allowed: {', '.join(sorted(attrs))}")
        if nil is not None:
            if nil not in ("true", "1", "false", "0"):
                out.append(f"{path}: xsi:nil must be true or false")
            elif nil in ("true", "1"):
                if not nillable:
                    out.append(f"{path}: is not nillable")
                if len(el) or (el.text or "").strip():
                    out.append(f"{path}: a nil element must be empty")
                return
        if type_name in self.complex:
            if (el.text or "").strip() or any((child.tail or "").strip() for child in el):
                out.append(f"{path}: text is not allowed here")
            self._sequence(list(el), self.complex[type_name], path, out)
            return
        if len(el):
            out.append(f"{path}: a simple element has child elements")
            return
        problem = self._simple_value(el.text or "", type_name)
        if problem:
            out.append(f"{path}: {problem}")

    def _sequence(self, children, particles: tuple[Particle, ...], path: str, out) -> None:
        i = 0
        for p in particles:
            n = 0
            while i < len(children) and children[i].tag == p.name:
                if p.max_occurs is not None and n >= p.max_occurs:
                    break
                n += 1
                where = f"{path}/{p.name}" + (f"[{n}]" if p.max_occurs != 1 else "")
                self._element(children[i], p.type, where, p.nillable, out)
                i += 1
            if n < p.min_occurs:
                found = children[i].tag if i < len(children) else "the end"
                out.append(f"{path}: expected {p.name}, found {found}")
                return
        if i < len(children):
            out.append(f"{path}: unexpected element {children[i].tag}")

    def _simple_value(self, raw: str, type_name: str) -> str | None:
        if type_name.startswith("xs:"):
            return _builtin(raw, type_name[3:])
        t = self.simple[type_name]
        value = raw if t.base == "string" else raw.strip()
        problem = _builtin(value, t.base)
        if problem:
            return problem
        if t.patterns and not any(re.fullmatch(p, value) for p in t.patterns):
            # the value is not quoted: it may be (part of) a NIK
            return f"{len(value)} character(s) not matching {' | '.join(t.patterns)} ({t.name})"
        if t.enumeration and value not in t.enumeration:
            return f"{value!r} is not one of {', '.join(t.enumeration)} ({t.name})"
        if t.min_length is not None and len(value) < t.min_length:
            return f"{value!r} is shorter than {t.min_length} ({t.name})"
        if t.max_length is not None and len(value) > t.max_length:
            return f"text longer than {t.max_length} characters ({t.name})"
        if t.base in ("integer", "decimal"):
            number = Decimal(value)
            if t.min_inclusive is not None and number < t.min_inclusive:
                return f"{value} is less than {t.min_inclusive} ({t.name})"
            if t.max_inclusive is not None and number > t.max_inclusive:
                return f"{value} is more than {t.max_inclusive} ({t.name})"
            if t.fraction_digits is not None and "." in value:
                decimals = value.split(".", 1)[1].rstrip("0")
                if len(decimals) > t.fraction_digits:
                    return f"{value} has more than {t.fraction_digits} decimals ({t.name})"
        return None


def _builtin(value: str, base: str) -> str | None:
    text = value.strip()
    if base == "string":
        return None
    if base == "integer" and not INTEGER.fullmatch(text):
        return f"{text!r} is not an integer"
    if base == "decimal":
        try:
            ok = DECIMAL.fullmatch(text) is not None and Decimal(text).is_finite()
        except InvalidOperation:
            ok = False
        if not ok:
            return f"{text!r} is not a decimal"
    if base == "date":
        try:
            if not DATE.fullmatch(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            return f"{text!r} is not a date (YYYY-MM-DD)"
    return None


@cache
def _subset() -> XsdSubset:
    return XsdSubset(XSD_PATH.read_bytes())


@cache
def _xmlschema():
    """The xmlschema package's validator of the same XSD, or None when it is not installed."""
    try:
        import xmlschema  # optional: see docs/formats.md "Coretax"
    except ImportError:
        return None
    return xmlschema.XMLSchema(str(XSD_PATH))


def validators() -> list[str]:
    """Which validators ``validate`` runs."""
    return ["xsd-subset", *(["xmlschema"] if _xmlschema() is not None else [])]


def subset_errors(data: bytes) -> list[str]:
    """The errors the standard-library validator finds (``validate`` adds xmlschema's)."""
    return _subset().errors(data)


def validate(data: bytes) -> list[str]:
    """Every error of a Coretax file against ``coretax.xsd`` (empty: valid)."""
    errors = subset_errors(data)
    full = _xmlschema()
    if full is not None:
        import io

        for error in full.iter_errors(io.BytesIO(data)):
            path = str(error.path)
            # xmlschema quotes the value: never for an identifier that may be a NIK
            reason = "invalid" if "Tin" in path else error.reason
            errors.append(f"{path}: {reason} (xmlschema)")
    return errors


def schema_enumeration(type_name: str) -> tuple[str, ...]:
    """The enumeration of a named simple type of the XSD (for tests against the vocabulary)."""
    return _subset().simple[type_name].enumeration
