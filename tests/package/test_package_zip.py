"""package/zip.py: unchanged entries copied byte for byte (their compressed bytes), edited and new ones deflated,
through public APIs only; the result is a zip any reader opens."""

import zipfile

from xl_iku.package.zip import write_package


def test_copy_edit_drop_and_add(tmp_path):
    source = tmp_path / "a.zip"
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("keep.xml", b"<a>" + b"x" * 5000 + b"</a>", zipfile.ZIP_DEFLATED)
        z.writestr("stored.bin", b"\x00\x01" * 100, zipfile.ZIP_STORED)
        z.writestr("edit.xml", b"<old/>", zipfile.ZIP_DEFLATED)
        z.writestr("gone.xml", b"<gone/>", zipfile.ZIP_DEFLATED)
        z.writestr("d\u00e9j\u00e0.xml", b"<utf8/>", zipfile.ZIP_DEFLATED)
    out = tmp_path / "b.zip"
    with zipfile.ZipFile(source) as src:
        write_package(src, str(source), str(out), {"edit.xml": b"<new/>", "added.xml": b"<added/>"}, {"gone.xml"})
    with zipfile.ZipFile(out) as z, zipfile.ZipFile(source) as src:
        assert z.testzip() is None
        assert z.namelist() == ["keep.xml", "stored.bin", "edit.xml", "d\u00e9j\u00e0.xml", "added.xml"]
        assert z.read("edit.xml") == b"<new/>" and z.read("added.xml") == b"<added/>"
        for name in ("keep.xml", "stored.bin", "d\u00e9j\u00e0.xml"):
            a, b = src.getinfo(name), z.getinfo(name)
            assert (a.CRC, a.compress_size, a.compress_type) == (b.CRC, b.compress_size, b.compress_type)
            assert z.read(name) == src.read(name)
    # the compressed bytes themselves were copied, not deflated again
    raw_a, raw_b = source.read_bytes(), out.read_bytes()
    with zipfile.ZipFile(source) as src:
        info = src.getinfo("keep.xml")
    start = info.header_offset + 30 + len(b"keep.xml")
    assert raw_a[start:start + info.compress_size] in raw_b
