using System.Diagnostics;
using System.Net;
using HyperVIsolation.LocalApiServer.Faults;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Faults;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private LocalApiServer.Hosting.LocalApiServer server = null!;
    private Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task FailRequests_503ForConfigMapLists_ClientSeesServiceUnavailableOnlyThere()
    {
        server.Faults.FailRequests(new FaultRule(503, 1.0) { Verbs = ["list"], Resources = ["configmaps"], RetryAfterSeconds = 2 });

        var act = () => client.CoreV1.ListNamespacedConfigMapAsync("default");
        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        var pods = await client.CoreV1.ListNamespacedPodAsync("default");
        server.Faults.Clear();
        var recovered = await client.CoreV1.ListNamespacedConfigMapAsync("default");

        error.Response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        error.Response.Headers["Retry-After"].Should().Contain("2");
        pods.Items.Should().BeEmpty();
        recovered.Should().NotBeNull();
    }

    [Fact]
    public async Task FailRequests_SeededShare_FailsAboutThatShareAndRepeats()
    {
        async Task<int> CountFailuresAsync()
        {
            server.Faults.FailRequests(new FaultRule(429, 0.5) { Seed = 7, Verbs = ["get"] });
            var failures = 0;
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await client.CoreV1.ReadNamespaceAsync("default");
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    failures++;
                }
            }

            return failures;
        }

        var first = await CountFailuresAsync();
        var second = await CountFailuresAsync();

        first.Should().BeInRange(10, 30);
        second.Should().Be(first);
    }

    [Fact]
    public async Task AddLatency_DelaysRequests()
    {
        server.Faults.AddLatency(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await client.CoreV1.ReadNamespaceAsync("default");

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task DropAllWatches_EndsClientWatch()
    {
        var events = 0;
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default"))
            {
                events++;
            }
        });
        await Task.Delay(300);
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "seen" } }, "default");
        await Task.Delay(300);

        server.Faults.DropAllWatches();

        await watching.WaitAsync(TimeSpan.FromSeconds(5));
        events.Should().Be(1);
    }

    [Fact]
    public async Task CompactHistory_WatchFromOlderVersion_Gets410Expired()
    {
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "after" } }, "default");
        server.Faults.CompactHistory();
        KubernetesException? error = null;

        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, onError: e => error = e as KubernetesException))
        {
        }

        error.Should().NotBeNull();
        error!.Status.Code.Should().Be(410);
    }

    [Fact]
    public async Task Restart_KeepsObjects_AndClientsReconnectAndResumeWatch()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, "default");
        var version = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;

        await server.Faults.RestartAsync(CancellationToken.None);
        var kept = await client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "later" } }, "default");
        string? replayed = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: version, cancellationToken: cancel.Token))
        {
            replayed = $"{type} {item.Metadata.Name}";
            break;
        }

        kept.Metadata.Name.Should().Be("kept");
        replayed.Should().Be("Added later");
    }
}
