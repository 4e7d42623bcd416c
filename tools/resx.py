#!/usr/bin/env python3
"""Adds or updates keys in KIP.Web/Resources/Text.resx (Dutch) and Text.en.resx (English).

Usage: tools/resx.py KEY 'Nederlandse tekst' 'English text' [KEY nl en ...]
The .resx files are the source of truth; this only saves hand-editing XML.
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
'''

def load(path):
    if not os.path.exists(path):
        with open(path, 'w', encoding='utf-8') as f:
            f.write(HEADER)
    return ET.parse(path)

def put(tree, key, value):
    root = tree.getroot()
    for d in root.findall('data'):
        if d.get('name') == key:
            d.find('value').text = value
            return
    d = ET.SubElement(root, 'data', {'name': key, '{http://www.w3.org/XML/1998/namespace}space': 'preserve'})
    ET.SubElement(d, 'value').text = value

def save(tree, path):
    root = tree.getroot()
    datas = sorted(root.findall('data'), key=lambda d: d.get('name'))
    for d in root.findall('data'):
        root.remove(d)
    for d in datas:
        root.append(d)
    ET.indent(tree, space='  ')
    tree.write(path, encoding='utf-8', xml_declaration=True)
    with open(path, 'a', encoding='utf-8') as f:
        f.write('\n')

def main(args):
    base = os.path.join(os.path.dirname(__file__), '..', 'KIP.Web', 'Resources')
    name = 'Text'
    if args and args[0].startswith('--file='):
        name = args[0][len('--file='):]
        args = args[1:]
    nl_path = os.path.join(base, name + '.resx')
    en_path = os.path.join(base, name + '.en.resx')
    nl, en = load(nl_path), load(en_path)
    if len(args) % 3:
        sys.exit('give triples: KEY nl en')
    for i in range(0, len(args), 3):
        put(nl, args[i], args[i + 1])
        put(en, args[i], args[i + 2])
    save(nl, nl_path)
    save(en, en_path)

if __name__ == '__main__':
    main(sys.argv[1:])
