using System.Collections.Concurrent;
using System.Text.Json;

namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>
/// Records the successful writes of the benchmark's clients while enabled (request bodies as sent, and the name and
/// uid a create got back), so the rollout floor can replay exactly those writes against another server.
/// </summary>
internal sealed class WriteRecorder
{
    private readonly ConcurrentQueue<RecordedWrite> writes = new();
    private long sequence;

    /// <summary>Whether writes are recorded now.</summary>
    public bool Enabled { get; set; }

    /// <summary>The writes recorded so far, in the order they were sent.</summary>
    public IReadOnlyList<RecordedWrite> Writes => [.. writes.OrderBy(write => write.Sequence)];

    /// <summary>A handler recording the writes of the client named <paramref name="client"/>.</summary>
    public DelegatingHandler Handler(string client) => new RecordingHandler(this, client);

    private sealed class RecordingHandler(WriteRecorder recorder, string client) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!recorder.Enabled || request.Method == HttpMethod.Get || request.Content is null || request.RequestUri is null)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var order = Interlocked.Increment(ref recorder.sequence);
            var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var contentType = request.Content.Headers.ContentType?.MediaType ?? "application/json";
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return response;
            }

            var (name, uid) = request.Method == HttpMethod.Post ? Created(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) : (null, null);
            recorder.writes.Enqueue(new RecordedWrite(order, client, request.Method.Method, request.RequestUri.PathAndQuery, contentType, body, name, uid));
            return response;
        }

        private static (string? Name, string? Uid) Created(string response)
        {
            try
            {
                using var document = JsonDocument.Parse(response);
                return document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    ? (Text(metadata, "name"), Text(metadata, "uid"))
                    : (null, null);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static string? Text(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
