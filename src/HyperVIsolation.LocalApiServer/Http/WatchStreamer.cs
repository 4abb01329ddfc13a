using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Streams a watch as newline-delimited JSON events: replay from <c>resourceVersion</c> (or synthetic
/// ADDED events), then live changes, BOOKMARK events when asked, an ERROR event with a 410 Status when
/// the version was compacted, and a clean end after <c>timeoutSeconds</c>. Events carry the stored
/// object's cached JSON, so a change is serialised once however many watchers receive it.
/// </summary>
public sealed class WatchStreamer(ObjectStore store, TableConverter tables, TimeSpan bookmarkInterval)
{
    /// <summary>Serves one watch request until timeout, client disconnect or store shutdown.</summary>
    public async Task StreamAsync(HttpContext context, ApiRequest request, WatchFilter filter)
    {
        var query = context.Request.Query;
        if (query["sendInitialEvents"] == "true")
        {
            // As kube-apiserver without the WatchList feature: clients fall back to list + watch.
            throw ApiErrors.Invalid(string.Empty, "ListOptions", string.Empty, [new FieldError("FieldValueForbidden", "sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled")]);
        }

        var fromVersion = ParseVersion(query["resourceVersion"].ToString());
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        var asTable = TableConverter.IsRequested(context.Request.Headers.Accept.ToString());
        var includeObject = query["includeObject"].ToString();

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(request.Resource.StorageKey, request.Namespace, fromVersion);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteEventAsync(context, "ERROR", StoredObject.Serialize(e.ToStatus()));
            return;
        }

        using (subscription)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeoutSource.CancelAfter(timeout);
            await context.Response.StartAsync(timeoutSource.Token);
            var headersSent = false;
            try
            {
                while (true)
                {
                    var next = await NextAsync(subscription, bookmarks, timeoutSource.Token);
                    if (next is null)
                    {
                        if (subscription.Events.Reader.Completion.IsCompleted)
                        {
                            return;
                        }

                        await WriteBookmarkAsync(context, request, subscription);
                        continue;
                    }

                    var type = filter.Translate(next);
                    if (type is null)
                    {
                        continue;
                    }

                    var payload = asTable
                        ? StoredObject.Serialize(tables.Convert(
                            request.Resource,
                            [ResponseShaper.View(request.Resource, next.Object)],
                            new JsonObject { ["resourceVersion"] = next.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
                            includeObject,
                            !headersSent))
                        : ResponseShaper.Json(request.Resource, next.Object);
                    headersSent = true;
                    await WriteEventAsync(context, type, payload);
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: end the stream normally.
            }
        }
    }

    private static long? ParseVersion(string text)
    {
        if (string.IsNullOrEmpty(text) || text == "0")
        {
            return null;
        }

        return long.TryParse(text, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ApiErrors.BadRequest($"invalid resource version: {text}");
    }

    // The next change, or null when a bookmark is due (or the store closed the watch).
    private async Task<StoredEvent?> NextAsync(WatchSubscription subscription, bool bookmarks, CancellationToken cancellationToken)
    {
        var reader = subscription.Events.Reader;
        if (reader.TryRead(out var ready))
        {
            return ready;
        }

        using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (bookmarks)
        {
            tick.CancelAfter(bookmarkInterval);
        }

        try
        {
            return await reader.WaitToReadAsync(tick.Token) && reader.TryRead(out var item) ? item : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task WriteBookmarkAsync(HttpContext context, ApiRequest request, WatchSubscription subscription)
    {
        // Read the version first: every change up to it is already queued, so an empty queue means
        // the client has seen them all and may resume from it.
        var version = store.CurrentResourceVersion;
        if (subscription.Events.Reader.Count > 0)
        {
            return;
        }

        var bookmark = new JsonObject
        {
            ["kind"] = request.Resource.Kind,
            ["apiVersion"] = request.Resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
        };
        await WriteEventAsync(context, "BOOKMARK", StoredObject.Serialize(bookmark));
    }

    // One line {"type":"...","object":...}: the type is one of a few fixed words, the object already JSON.
    private static async Task WriteEventAsync(HttpContext context, string type, byte[] json)
    {
        var body = context.Response.BodyWriter;
        body.Write(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"));
        body.Write(json);
        body.Write("}\n"u8);
        await body.FlushAsync(context.RequestAborted);
    }
}
