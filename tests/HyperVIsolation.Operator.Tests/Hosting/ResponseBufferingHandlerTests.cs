using System.Net;
using HyperVIsolation.Operator.Hosting;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class ResponseBufferingHandlerTests
{
    [Theory]
    [InlineData("https://api.example:6443/api/v1/namespaces/a/pods")]
    [InlineData("https://api.example:6443/api/v1/pods?labelSelector=x&limit=500")]
    [InlineData("https://api.example:6443/apis/isolation.hyperv.dev/v1alpha1/namespaces/a/isolatedworkloads/w/status")]
    public async Task SendAsync_NotAWatch_ReadsTheWholeBodyAsynchronouslyFirst(string uri)
    {
        var body = new ReadRecordingStream("""{"kind":"Pod"}"""u8.ToArray());
        using var invoker = new HttpMessageInvoker(new ResponseBufferingHandler { InnerHandler = new FixedResponseHandler(body) });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), CancellationToken.None);

        body.AsyncReads.Should().BePositive();
        body.SyncReads.Should().Be(0);
        body.EndReached.Should().BeTrue("the body was read to its end before the client got the response");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadToEndAsync()).Should().Be("""{"kind":"Pod"}""");
        body.SyncReads.Should().Be(0, "reading the buffered body does not touch the network stream");
    }

    [Theory]
    [InlineData("https://api.example:6443/api/v1/namespaces/a/pods?watch=true&resourceVersion=5")]
    [InlineData("https://api.example:6443/api/v1/pods?allowWatchBookmarks=true&watch=1")]
    public async Task SendAsync_Watch_LeavesTheBodyStreaming(string uri)
    {
        var body = new ReadRecordingStream("""{"type":"ADDED"}"""u8.ToArray());
        using var invoker = new HttpMessageInvoker(new ResponseBufferingHandler { InnerHandler = new FixedResponseHandler(body) });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), CancellationToken.None);

        body.AsyncReads.Should().Be(0);
        body.EndReached.Should().BeFalse();
    }

    [Theory]
    [InlineData("https://api.example:6443/api/v1/pods?watchers=true", false)]
    [InlineData("https://api.example:6443/api/v1/namespaces/watch/pods", false)]
    [InlineData("https://api.example:6443/api/v1/pods?WATCH=TRUE", true)]
    public void IsWatch_LookalikeParametersAndNames_AreToldApart(string uri, bool expected) =>
        ResponseBufferingHandler.IsWatch(new Uri(uri)).Should().Be(expected);

    private sealed class FixedResponseHandler(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(body) });
    }

    /// <summary>A network-like body (not a MemoryStream, which HttpContent copies specially) that counts how it is read.</summary>
    private sealed class ReadRecordingStream(byte[] data) : Stream
    {
        private readonly MemoryStream inner = new(data);

        public int SyncReads { get; private set; }

        public int AsyncReads { get; private set; }

        public bool EndReached { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            SyncReads++;
            return inner.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            SyncReads++;
            return inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncReads++;
            var read = inner.Read(buffer.Span);
            EndReached |= read == 0;
            return ValueTask.FromResult(read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
