using System.Net;
using System.Text;
using HyperVIsolation.ControllerRuntime.Cache;
using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

public sealed class KubernetesResourceClientTests
{
    [Fact]
    public async Task WatchAsync_ServerSends410_EndsWithExpiredEvent()
    {
        var handler = new CannedHandler(
            """
            {"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"ns","resourceVersion":"11"}}}
            {"type":"BOOKMARK","object":{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"12"}}}
            {"type":"ERROR","object":{"apiVersion":"v1","kind":"Status","status":"Failure","message":"too old resource version: 5 (12)","reason":"Expired","code":410}}

            """);
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, handler);
        var client = new KubernetesResourceClient<V1Pod>(kubernetes);

        var events = new List<WatchEvent<V1Pod>>();
        await foreach (var watchEvent in client.WatchAsync("ns", null, "spec.nodeName=n1", "5", allowBookmarks: true, 300, CancellationToken.None))
        {
            events.Add(watchEvent);
        }

        events.Select(e => (e.Kind, e.ResourceVersion)).Should().Equal(
            (WatchEventKind.Added, "11"), (WatchEventKind.Bookmark, "12"), (WatchEventKind.Expired, null));
        handler.LastUri!.PathAndQuery.Should().Be(
            "/api/v1/namespaces/ns/pods?allowWatchBookmarks=true&fieldSelector=spec.nodeName%3Dn1&resourceVersion=5&timeoutSeconds=300&watch=true");
    }

    [Fact]
    public async Task ListAsync_Page_ReturnsItemsVersionAndContinueToken()
    {
        var handler = new CannedHandler(
            """
            {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"42","continue":"next-page"},
             "items":[{"metadata":{"name":"a","namespace":"ns","resourceVersion":"40"}}]}
            """);
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, handler);
        var client = new KubernetesResourceClient<V1Pod>(kubernetes);

        var page = await client.ListAsync(null, "app=x", null, "token", 500, CancellationToken.None);

        page.Items.Should().ContainSingle().Which.Metadata.Name.Should().Be("a");
        page.ResourceVersion.Should().Be("42");
        page.ContinueToken.Should().Be("next-page");
        handler.LastUri!.PathAndQuery.Should().Be("/api/v1/pods?continue=token&labelSelector=app%3Dx&limit=500");
    }

    private sealed class CannedHandler(string body) : DelegatingHandler
    {
        public Uri? LastUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }
}
