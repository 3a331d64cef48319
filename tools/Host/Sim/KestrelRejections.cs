using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeskPhone.Firmware.Bench;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DeskPhone.Host.Sim
{
    /// <summary>
    /// Kestrel answers malformed HTTP itself, before any request reaches the router: 400 for a bad request line or
    /// header, 408 for headers that never end, 414 and 431 for a line or headers over the limits. It writes those with
    /// an empty body, and Kestrel has no hook to change them. This connection middleware gives them the JSON error
    /// body every other bench answer has (docs/bench.md): it holds what Kestrel writes until the flush, and an answer
    /// that starts with a 4xx status line and says <c>Content-Length: 0</c> (the router's own errors always carry a
    /// body) gets <c>{"error": "reason phrase"}</c>. Everything else passes unchanged.
    /// </summary>
    internal static class KestrelRejections
    {
        public static void Use(ListenOptions listen) =>
            listen.Use(next => connection =>
            {
                connection.Transport = new Duplex(connection.Transport);
                return next(connection);
            });

        /// <summary>The answer with a JSON body, or null when <paramref name="written"/> is not an empty 4xx answer.</summary>
        internal static byte[] WithJsonBody(ReadOnlySpan<byte> written)
        {
            ReadOnlySpan<byte> empty = "\r\nContent-Length: 0\r\n"u8;
            int headEnd = written.IndexOf("\r\n\r\n"u8);
            if (!written.StartsWith("HTTP/1.1 4"u8) || headEnd < 0 || written.Length < 13)
            {
                return null;
            }
            int lengthAt = written.Slice(0, headEnd + 2).IndexOf(empty);
            int lineEnd = written.IndexOf("\r\n"u8);
            if (lengthAt < 0 || lineEnd < 13)
            {
                return null;
            }
            int status = int.Parse(Encoding.ASCII.GetString(written.Slice(9, 3)));
            string reason = Encoding.ASCII.GetString(written.Slice(13, lineEnd - 13));
            BenchResponse answer = BenchResponse.Error(status, reason.ToLowerInvariant());
            string header = "\r\nContent-Type: " + answer.ContentType + "\r\nContent-Length: " + answer.Body.Length + "\r\n";
            var rewritten = new ArrayBufferWriter<byte>(written.Length + header.Length + answer.Body.Length);
            rewritten.Write(written.Slice(0, lengthAt));
            rewritten.Write(Encoding.ASCII.GetBytes(header));
            rewritten.Write(written.Slice(lengthAt + empty.Length, headEnd + 4 - lengthAt - empty.Length));
            rewritten.Write(answer.Body);
            rewritten.Write(written.Slice(headEnd + 4));
            return rewritten.WrittenSpan.ToArray();
        }

        private sealed class Duplex : IDuplexPipe
        {
            public Duplex(IDuplexPipe inner)
            {
                Input = inner.Input;
                Output = new Writer(inner.Output);
            }

            public PipeReader Input { get; }

            public PipeWriter Output { get; }
        }

        /// <summary>Collects one flush's bytes, so a whole answer head is seen at once, then hands them on.</summary>
        private sealed class Writer : PipeWriter
        {
            private readonly PipeWriter _inner;
            private readonly ArrayBufferWriter<byte> _pending = new ArrayBufferWriter<byte>(1024);

            public Writer(PipeWriter inner)
            {
                _inner = inner;
            }

            public override void Advance(int bytes) => _pending.Advance(bytes);

            public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

            public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

            public override void CancelPendingFlush() => _inner.CancelPendingFlush();

            public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
            {
                HandOn();
                return _inner.FlushAsync(cancellationToken);
            }

            public override void Complete(Exception exception = null)
            {
                HandOn();
                _inner.Complete(exception);
            }

            public override ValueTask CompleteAsync(Exception exception = null)
            {
                HandOn();
                return _inner.CompleteAsync(exception);
            }

            private void HandOn()
            {
                if (_pending.WrittenCount == 0)
                {
                    return;
                }
                byte[] rewritten = WithJsonBody(_pending.WrittenSpan);
                _inner.Write(rewritten ?? _pending.WrittenSpan);
                _pending.ResetWrittenCount();
            }
        }
    }
}
