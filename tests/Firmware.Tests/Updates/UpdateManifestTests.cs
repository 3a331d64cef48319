using System.Text;
using DeskPhone.Firmware.Updates;
using Xunit;

namespace DeskPhone.Firmware.Tests.Updates
{
    /// <summary>The manifest: a good one read, and each way a bad one is refused with its reason.</summary>
    public class UpdateManifestTests
    {
        private static UpdateManifest Parse(byte[] m, out string error) => UpdateManifest.Parse(m, m.Length, UpdateSet.Key, out error);

        private static string Refusal(string body)
        {
            byte[] m = new UpdateSet().Manifest(body: body);
            Assert.Null(Parse(m, out string error));
            return error;
        }

        private const string Sip = "file DeskPhone.Sip.pe 3000 " + "00000000000000000000000000000000000000000000000000000000000000aa" + "\n";

        [Fact]
        public void AGoodManifestGivesVersionChunkAndFiles()
        {
            var set = UpdateSet.Two("2.1.0-rc1");
            UpdateManifest m = Parse(set.Manifest(), out string error);

            Assert.Null(error);
            Assert.Equal("2.1.0-rc1", m.Version);
            Assert.Equal(1024, m.ChunkBytes);
            Assert.Equal(new[] { "DeskPhone.Sip.pe", "DeskPhone.Board.pe" }, m.Names);
            Assert.Equal(new[] { 3000, 2048 }, m.Sizes);
            Assert.Equal(UpdateSet.FileMac(UpdateSet.Key, "DeskPhone.Sip.pe", set.Data("DeskPhone.Sip.pe"), 1024), m.Macs[0]);
            Assert.Equal(5048, m.TotalBytes);
        }

        [Fact]
        public void AnotherKeyOrOneChangedByteIsAWrongMac()
        {
            byte[] other = (byte[])UpdateSet.Key.Clone();
            other[0] ^= 1;
            Parse(UpdateSet.Two().Manifest(other), out string error);
            Assert.Equal("manifest: wrong mac (another key, or altered)", error);

            byte[] m = UpdateSet.Two().Manifest();
            m[20] ^= 0x01;
            Parse(m, out error);
            Assert.Equal("manifest: wrong mac (another key, or altered)", error);
        }

        [Fact]
        public void ACutOrUnsignedManifestIsRefusedBeforeItsLinesAreRead()
        {
            byte[] m = UpdateSet.Two().Manifest();
            Assert.Null(UpdateManifest.Parse(m, m.Length - 1, UpdateSet.Key, out string error));
            Assert.Equal("manifest: truncated (no line end at the end)", error);
            Assert.Null(UpdateManifest.Parse(m, m.Length - 20, UpdateSet.Key, out error));
            Assert.Equal("manifest: truncated (no line end at the end)", error);

            byte[] unsigned = Encoding.ASCII.GetBytes("deskphone-update 1\nversion 2\nchunk 1024\n" + Sip);
            Parse(unsigned, out error);
            Assert.Equal("manifest: the last line is not its mac", error);

            byte[] big = new byte[UpdateManifest.MaxBytes + 1];
            Parse(big, out error);
            Assert.Equal("manifest: over 2048 bytes", error);
        }

        [Theory]
        [InlineData("deskphone-update 2\nversion 2\nchunk 1024\n" + Sip, "manifest line 1: not a deskphone-update 1 manifest")]
        [InlineData("deskphone-update 1\nversion 2 beta\nchunk 1024\n" + Sip, "manifest line 2: the version must be 1 to 24 of A-Z a-z 0-9 . _ -")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 3000\n" + Sip, "manifest line 3: expected: chunk 1024, 2048 or 4096")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\n", "manifest: no files")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\n" + Sip + Sip, "manifest line 5: DeskPhone.Sip.pe is listed twice")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfile ../x.pe 10 00\n", "manifest line 4: the name must be a .pe file name of at most 48 of A-Z a-z 0-9 . _ -")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfile a.dll 10 00\n", "manifest line 4: the name must be a .pe file name of at most 48 of A-Z a-z 0-9 . _ -")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfile a.pe 0 00\n", "manifest line 4: the size must be 1 to 262144 bytes")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfile a.pe 262145 00\n", "manifest line 4: the size must be 1 to 262144 bytes")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfile a.pe 10 00\n", "manifest line 4: the file's mac must be 64 hex digits")]
        [InlineData("deskphone-update 1\nversion 2\nchunk 1024\nfiles a.pe 10 00\n", "manifest line 4: expected: file NAME SIZE MAC")]
        [InlineData("deskphone-update 1\r\nversion 2\nchunk 1024\n" + Sip, "manifest line 1: not a deskphone-update 1 manifest")]
        public void EachBadLineIsNamed(string body, string expected)
        {
            Assert.Equal(expected, Refusal(body));
        }

        [Fact]
        public void MoreThanSixteenFilesOrHalfAMegabyteAreRefused()
        {
            var sb = new StringBuilder("deskphone-update 1\nversion 2\nchunk 1024\n");
            for (int i = 0; i < 17; i++)
            {
                sb.Append("file f").Append(i).Append(".pe 10 ").Append(new string('0', 64)).Append('\n');
            }
            Assert.Equal("manifest line 20: more than 16 files", Refusal(sb.ToString()));

            sb = new StringBuilder("deskphone-update 1\nversion 2\nchunk 1024\n");
            for (int i = 0; i < 3; i++)
            {
                sb.Append("file f").Append(i).Append(".pe 200000 ").Append(new string('0', 64)).Append('\n');
            }
            Assert.Equal("manifest line 6: the set is over 524288 bytes", Refusal(sb.ToString()));
        }
    }
}
