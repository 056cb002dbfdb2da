#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads an Excel workbook back for tests/test-xlsx.c, with a real reader.

usage: read-xlsx.py WORKBOOK.xlsx

Prints one fact a line, fields separated by tabs (tabs, line breaks and
backslashes in values escaped as \\t, \\n and \\\\):
  property NAME VALUE               title, creator, created
  sheet NAME                        in the workbook's order
  freeze SHEET CELL                 the top-left cell of the unfrozen pane
  filter SHEET RANGE                the autofilter's range
  width SHEET COLUMN WIDTH          column widths set
  cell SHEET CELL TYPE FORMAT BOLD VALUE
                                    TYPE as openpyxl reads it: s text, n number,
                                    d date (VALUE as YYYY-MM-DD), f formula
  formulas SHEET N                  <f> elements in the sheet's XML
  picture SHEET BYTES WIDTHxHEIGHT  each PNG drawn on the sheet
"""
import posixpath
import struct
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def escape(value):
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def out(*fields):
    print("\t".join(escape(f) for f in fields))


def rels(z, part):
    """The relationships of a part: id -> absolute target."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in z.namelist():
        return {}
    result = {}
    for rel in ET.fromstring(z.read(path)).findall("rel:Relationship", NS):
        result[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
    return result


def sheet_parts(z):
    """Sheet name -> its worksheet part, from xl/workbook.xml."""
    targets = rels(z, "xl/workbook.xml")
    book = ET.fromstring(z.read("xl/workbook.xml"))
    return {s.get("name"): targets[s.get("{%s}id" % NS["r"])]
            for s in book.findall("m:sheets/m:sheet", NS)}


def raw_facts(path):
    with zipfile.ZipFile(path) as z:
        for name, part in sheet_parts(z).items():
            xml = ET.fromstring(z.read(part))
            out("formulas", name, len(xml.findall(".//m:f", NS)))
            for drawing in rels(z, part).values():
                if "/drawings/" not in drawing:
                    continue
                for media in rels(z, drawing).values():
                    data = z.read(media)
                    if data[:8] != b"\x89PNG\r\n\x1a\n":
                        continue
                    width, height = struct.unpack(">II", data[16:24])
                    out("picture", name, len(data), f"{width}x{height}")


def cell_value(cell):
    if cell.data_type == "d" or hasattr(cell.value, "isoformat"):
        return cell.value.date().isoformat()
    return cell.value


def read(wb):
    props = wb.properties
    out("property", "title", props.title or "")
    out("property", "creator", props.creator or "")
    out("property", "created", props.created.isoformat() if props.created else "")
    for ws in wb.worksheets:
        out("sheet", ws.title)
        out("freeze", ws.title, ws.freeze_panes or "")
        out("filter", ws.title, ws.auto_filter.ref or "")
        for letter, dim in sorted(ws.column_dimensions.items()):
            if dim.width:
                out("width", ws.title, letter, round(dim.width))
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                out("cell", ws.title, cell.coordinate, "d" if cell.is_date else cell.data_type,
                    cell.number_format, int(bool(cell.font.b)), cell_value(cell))


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    # A file object: openpyxl judges a file name by its extension.
    with open(argv[1], "rb") as f:
        wb = openpyxl.load_workbook(f)
        read(wb)
    raw_facts(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
