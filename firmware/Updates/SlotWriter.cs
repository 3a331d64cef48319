using System;
using DeskPhone.Domain.Settings;

namespace DeskPhone.Firmware.Updates
{
    /// <summary>
    /// Writes one file of a set into a slot as it arrives (docs/updates.md): bytes gather into one chunk, each full
    /// chunk is appended to flash and chained into the file's MAC (<see cref="ChainMac"/>), and at the end the MAC must
    /// be the manifest's, then the file is read back from flash chunk by chunk and checked again (a flash write that
    /// went wrong, or a file cut by a power loss, fails there). Holds one chunk buffer, never the file.
    /// </summary>
    public sealed class SlotWriter
    {
        private readonly IUpdateMedium _medium;
        private readonly byte[] _key;
        private ChainMac _mac;
        private string _file;
        private string _name;
        private int _size;
        private byte[] _expected;
        private int _chunkBytes;
        private int _filled;
        private int _written;

        public SlotWriter(IUpdateMedium medium, byte[] key)
        {
            _medium = medium;
            _key = key;
        }

        /// <summary>The flash file of a set's file in a slot: "upd-a-DeskPhone.Sip.pe".</summary>
        public static string FileName(string slot, string name) => "upd-" + slot + "-" + name;

        /// <summary>Whether the slot already holds file i whole and verified (a staging cut short is resumed from there).</summary>
        public bool Holds(string slot, UpdateManifest manifest, int i) =>
            Verify(slot, manifest.Names[i], manifest.Sizes[i], manifest.Macs[i], manifest.ChunkBytes) == null;

        /// <summary>Starts file i of the manifest in the slot, dropping what the slot held under that name.</summary>
        public void Begin(string slot, UpdateManifest manifest, int i)
        {
            _name = manifest.Names[i];
            _file = FileName(slot, _name);
            _size = manifest.Sizes[i];
            _expected = manifest.Macs[i];
            _chunkBytes = manifest.ChunkBytes;
            _mac = new ChainMac(_key, _name, _size, _chunkBytes);
            _filled = 0;
            _written = 0;
            _medium.Delete(_file);
        }

        /// <summary>Takes the next bytes of the file; null, or why the file is refused (the caller names the file).</summary>
        public string Write(byte[] data, int offset, int count)
        {
            if (_written + _filled + count > _size)
            {
                return "longer than the manifest's " + _size.ToString() + " bytes";
            }
            while (count > 0)
            {
                int n = count < _chunkBytes - _filled ? count : _chunkBytes - _filled;
                Array.Copy(data, offset, _mac.Buffer, ChainMac.Overhead + _filled, n);
                _filled += n;
                offset += n;
                count -= n;
                if (_filled == _chunkBytes)
                {
                    Flush();
                }
            }
            return null;
        }

        /// <summary>After the last byte: the MAC as sent, then the file as read back from flash; null when both hold.</summary>
        public string End()
        {
            if (_filled > 0)
            {
                Flush();
            }
            string error = _written != _size
                ? _written.ToString() + " of " + _size.ToString() + " bytes"
                : !PasswordHash.SameBytes(_mac.Mac, _expected)
                    ? "wrong mac (another key, or altered)"
                    : Verify(_file, _name, _size, _expected, _chunkBytes, true);
            _mac = null;
            return error;
        }

        private void Flush()
        {
            _medium.Append(_file, _mac.Buffer, ChainMac.Overhead, _filled);
            _mac.Add(_filled);
            _written += _filled;
            _filled = 0;
        }

        private string Verify(string slot, string name, int size, byte[] expected, int chunkBytes) =>
            Verify(FileName(slot, name), name, size, expected, chunkBytes, false);

        private string Verify(string file, string name, int size, byte[] expected, int chunkBytes, bool readBack)
        {
            string what = readBack ? "as read back from flash: " : "";
            if (_medium.Length(file) != size)
            {
                return what + "not whole";
            }
            var mac = new ChainMac(_key, name, size, chunkBytes);
            for (int at = 0; at < size;)
            {
                int want = size - at < chunkBytes ? size - at : chunkBytes;
                int got = 0;
                while (got < want)
                {
                    int n = _medium.ReadAt(file, at + got, mac.Buffer, ChainMac.Overhead + got, want - got);
                    if (n <= 0)
                    {
                        return what + "short read";
                    }
                    got += n;
                }
                mac.Add(want);
                at += want;
            }
            return PasswordHash.SameBytes(mac.Mac, expected) ? null : what + "wrong mac";
        }
    }
}
