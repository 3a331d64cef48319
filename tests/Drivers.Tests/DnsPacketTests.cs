using System;
using System.Collections.Generic;
using DeskPhone.Drivers.Network;

namespace DeskPhone.Drivers.Tests
{
    /// <summary>The SRV lookup's DNS messages on hand-made bytes: the query written byte for byte, answers good and hostile.</summary>
    public class DnsPacketTests
    {
        private static byte[] Wire(string name)
        {
            var b = new List<byte>();
            foreach (string label in name.Split('.'))
            {
                b.Add((byte)label.Length);
                foreach (char c in label)
                {
                    b.Add((byte)c);
                }
            }
            b.Add(0);
            return b.ToArray();
        }

        private static byte[] SrvQuery(out int length)
        {
            byte[] name = new byte[256];
            int n = SrvLookup.ServiceName("pbx.test", false, name);
            byte[] q = new byte[300];
            length = DnsPacket.Query(q, 0x1234, name, n, DnsPacket.TypeSrv);
            return q;
        }

        /// <summary>An answer to <see cref="SrvQuery"/>: its header (flags, counts) and question, then the records' bytes.</summary>
        private static byte[] Answer(int flags, int records, params byte[][] parts)
        {
            var b = new List<byte> { 0x12, 0x34, (byte)(flags >> 8), (byte)flags, 0, 1, 0, (byte)records, 0, 0, 0, 0 };
            b.AddRange(Wire("_sip._udp.pbx.test"));
            b.AddRange(new byte[] { 0, 33, 0, 1 });
            foreach (byte[] part in parts)
            {
                b.AddRange(part);
            }
            return b.ToArray();
        }

        private static byte[] Record(byte[] owner, int type, int ttl, byte[] data)
        {
            var b = new List<byte>(owner) { 0, (byte)type, 0, 1, (byte)(ttl >> 24), (byte)(ttl >> 16), (byte)(ttl >> 8), (byte)ttl, (byte)(data.Length >> 8), (byte)data.Length };
            b.AddRange(data);
            return b.ToArray();
        }

        private static byte[] Srv(int priority, int weight, int port, byte[] target)
        {
            var b = new List<byte> { (byte)(priority >> 8), (byte)priority, (byte)(weight >> 8), (byte)weight, (byte)(port >> 8), (byte)port };
            b.AddRange(target);
            return b.ToArray();
        }

        // The question's name starts at offset 12: a pointer to it.
        private static readonly byte[] ToQuestion = { 0xC0, 12 };

        [Fact]
        public void TheSrvQueryIsWrittenByteForByte()
        {
            byte[] q = SrvQuery(out int length);
            byte[] expected =
            {
                0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                4, (byte)'_', (byte)'s', (byte)'i', (byte)'p', 4, (byte)'_', (byte)'u', (byte)'d', (byte)'p',
                3, (byte)'p', (byte)'b', (byte)'x', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0,
                0, 33, 0, 1,
            };
            Assert.Equal(expected, q[..length]);
        }

        [Theory]
        [InlineData("pbx.test", true, "_sip._tcp.pbx.test")]
        [InlineData("pbx.test.", false, "_sip._udp.pbx.test")]
        [InlineData("a", false, "_sip._udp.a")]
        public void TheServiceNameIsTheServiceLabelsAndTheHostsLabels(string host, bool tcp, string expected)
        {
            byte[] name = new byte[256];
            int n = SrvLookup.ServiceName(host, tcp, name);
            Assert.Equal(Wire(expected), name[..n]);
        }

        [Theory]
        [InlineData("pbx..test")]
        [InlineData(".pbx")]
        [InlineData(".")]
        public void ANameWithAnEmptyLabelOrTooLongIsNoName(string host)
        {
            Assert.Equal(0, SrvLookup.ServiceName(host, false, new byte[256]));
            Assert.Equal(0, SrvLookup.ServiceName(new string('a', 64) + ".test", false, new byte[256]));
            // 254 bytes of host: with the service labels, over a name's 255.
            Assert.Equal(0, SrvLookup.ServiceName(string.Join(".", new string('a', 50), new string('a', 50), new string('a', 50), new string('a', 50), new string('a', 50)), false, new byte[256]));
        }

        [Fact]
        public void AGoodAnswerIsReadRecordByRecordWithCompressedNames()
        {
            byte[] q = SrvQuery(out int ql);
            // SRV 10 0 5071 a.pbx.test (target written in full), then its A record in the additional section whose name
            // points at the target's.
            byte[] srv = Record(ToQuestion, 33, 300, Srv(10, 5, 5071, Wire("a.pbx.test")));
            int targetAt = ql + srv.Length - Wire("a.pbx.test").Length;
            byte[] a = Record(new byte[] { 0xC0, (byte)targetAt }, 1, 60, new byte[] { 127, 0, 0, 1 });
            byte[] p = Answer(0x8180, 2, srv, a);
            p[11] = 0;

            int at = DnsPacket.Answer(p, p.Length, q, ql);
            Assert.Equal(ql, at);
            Assert.Equal(2, DnsPacket.RecordCount(p));
            int next = DnsPacket.Record(p, p.Length, at, out int type, out int ttl, out int data, out int size);
            Assert.Equal((33, 300, at + 12, srv.Length - 12), (type, ttl, data, size));
            byte[] target = new byte[256];
            int n = DnsPacket.Name(p, p.Length, data + 6, target, out int end);
            Assert.Equal(Wire("a.pbx.test"), target[..n]);
            Assert.Equal(next, end);

            Assert.Equal(p.Length, DnsPacket.Record(p, p.Length, next, out type, out ttl, out data, out size));
            Assert.Equal((1, 60, 4), (type, ttl, size));
            byte[] owner = new byte[256];
            Assert.True(DnsPacket.SameName(owner, DnsPacket.Name(p, p.Length, next, owner, out end), target, n));
            Assert.Equal(next + 2, end);
        }

        [Fact]
        public void NamesCompareInAnyAsciiCase()
        {
            byte[] a = Wire("A.PBX.test");
            byte[] b = Wire("a.pbx.TEST");
            Assert.True(DnsPacket.SameName(a, a.Length, b, b.Length));
            Assert.False(DnsPacket.SameName(a, a.Length, b, b.Length - 1));
            byte[] c = Wire("a.pbx.tesu");
            Assert.False(DnsPacket.SameName(a, a.Length, c, c.Length));
        }

        [Fact]
        public void NxdomainIsAnAnswerWithoutRecords()
        {
            byte[] q = SrvQuery(out int ql);
            Assert.Equal(0, DnsPacket.Answer(Answer(0x8183, 0), Answer(0x8183, 0).Length, q, ql));
        }

        [Fact]
        public void ATruncatedAnswerIsReadForWhatItHolds()
        {
            byte[] q = SrvQuery(out int ql);
            byte[] p = Answer(0x8380, 1, Record(ToQuestion, 33, 300, Srv(10, 0, 5071, Wire("a.pbx.test"))));
            Assert.Equal(ql, DnsPacket.Answer(p, p.Length, q, ql));
            Assert.Equal(p.Length, DnsPacket.Record(p, p.Length, ql, out int type, out _, out _, out _));
            Assert.Equal(33, type);
        }

        [Fact]
        public void AnAnswerToAnotherQueryIsNotOurs()
        {
            byte[] q = SrvQuery(out int ql);
            byte[] good = Answer(0x8180, 0);
            Assert.Equal(ql, DnsPacket.Answer(good, good.Length, q, ql));

            byte[] wrongId = (byte[])good.Clone();
            wrongId[1] = 0x35;
            Assert.Equal(-1, DnsPacket.Answer(wrongId, wrongId.Length, q, ql));
            byte[] notAnAnswer = (byte[])good.Clone();
            notAnAnswer[2] = 0x01;
            Assert.Equal(-1, DnsPacket.Answer(notAnAnswer, notAnAnswer.Length, q, ql));
            byte[] otherName = (byte[])good.Clone();
            otherName[25] = (byte)'q';
            Assert.Equal(-1, DnsPacket.Answer(otherName, otherName.Length, q, ql));
            byte[] otherType = (byte[])good.Clone();
            otherType[ql - 3] = 1;
            Assert.Equal(-1, DnsPacket.Answer(otherType, otherType.Length, q, ql));
            byte[] twoQuestions = (byte[])good.Clone();
            twoQuestions[5] = 2;
            Assert.Equal(-1, DnsPacket.Answer(twoQuestions, twoQuestions.Length, q, ql));
            // Cut inside the question.
            Assert.Equal(-1, DnsPacket.Answer(good, ql - 1, q, ql));
            // The name in upper case is the same question.
            byte[] upper = (byte[])good.Clone();
            upper[23] = (byte)'P';
            Assert.Equal(ql, DnsPacket.Answer(upper, upper.Length, q, ql));
        }

        [Fact]
        public void APointerLoopIsMalformedNotAHang()
        {
            // A name at 40 that points at itself, and two that point at each other.
            byte[] p = new byte[64];
            p[40] = 0xC0;
            p[41] = 40;
            Assert.Equal(-1, DnsPacket.Name(p, p.Length, 40, new byte[256], out _));
            p[42] = 0xC0;
            p[43] = 44;
            p[44] = 1;
            p[45] = (byte)'a';
            p[46] = 0xC0;
            p[47] = 42;
            Assert.Equal(-1, DnsPacket.Name(p, p.Length, 42, new byte[256], out _));
            Assert.Equal(-1, DnsPacket.Record(p, p.Length, 42, out _, out _, out _, out _));
        }

        [Fact]
        public void NamesOutOfThePacketOrOverlongAreMalformed()
        {
            byte[] p = { 3, (byte)'a', (byte)'b' };
            Assert.Equal(-1, DnsPacket.Name(p, p.Length, 0, new byte[256], out _));
            // A pointer past the end, a pointer cut in half, a label of 64 (the reserved 01 prefix).
            Assert.Equal(-1, DnsPacket.Name(new byte[] { 0xC0, 9 }, 2, 0, new byte[256], out _));
            Assert.Equal(-1, DnsPacket.Name(new byte[] { 0xC0 }, 1, 0, new byte[256], out _));
            byte[] big = new byte[80];
            big[0] = 64;
            Assert.Equal(-1, DnsPacket.Name(big, big.Length, 0, new byte[256], out _));
            // Over 255 bytes: 5 labels of 60.
            var chain = new List<byte>();
            for (int i = 0; i < 5; i++)
            {
                chain.Add(60);
                for (int j = 0; j < 60; j++)
                {
                    chain.Add((byte)'x');
                }
            }
            chain.Add(0);
            Assert.Equal(-1, DnsPacket.Name(chain.ToArray(), chain.Count, 0, new byte[256], out _));
            Assert.Equal(-1, DnsPacket.Name(chain.ToArray(), chain.Count, 0, null, out _));
        }

        [Fact]
        public void AnOversizeRecordLengthDoesNotFit()
        {
            byte[] q = SrvQuery(out int ql);
            byte[] srv = Record(ToQuestion, 33, 300, Srv(10, 0, 5071, Wire("a.pbx.test")));
            srv[11] = 200;
            byte[] p = Answer(0x8180, 1, srv);
            Assert.Equal(-1, DnsPacket.Record(p, p.Length, ql, out _, out _, out _, out _));
            // Cut in the record's fixed part.
            Assert.Equal(-1, DnsPacket.Record(p, ql + 6, ql, out _, out _, out _, out _));
        }
    }
}
