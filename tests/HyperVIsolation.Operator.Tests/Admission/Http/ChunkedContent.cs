using System.Net;

namespace HyperVIsolation.Operator.Tests.Admission.Http;

/// <summary>A body without Content-Length (chunked), written and flushed in 4 KB pieces, so the server reads it in many segments.</summary>
internal sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < body.Length; offset += 4096)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(4096, body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
