using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class InformerHandlerOrderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Informer_ContainerHandlerAndControllerSource_ContainerHandlerHearsFirst()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        var probe = new QueueDepthProbe();
        await using var host = TestOperatorHost.Create(server, "replica-a", builder => builder.Services
            .AddController<RecordingReconciler>("namespaces", sources => sources.Watch<V1Namespace>(ObjectKeyMappings.Self))
            .AddSingleton<IResourceChangeHandler<V1Namespace>>(probe));

        // The host is not started, so nothing takes keys off the queue: its depth tells what was enqueued before the probe ran.
        probe.Queue = host.App.Services.GetRequiredService<ControllerQueues>()["namespaces"];
        var informer = host.App.Services.GetRequiredService<ResourceInformer<V1Namespace>>();
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        await stop.CancelAsync();
        await run.WaitAsync(Timeout);

        probe.DepthsSeen.Should().NotBeEmpty("the local API server has namespaces")
            .And.Equal(Enumerable.Range(0, probe.DepthsSeen.Count), "bookkeeping handlers run before the change wakes a worker");
    }

    /// <summary>Records the controller queue's depth each time it hears of a new namespace.</summary>
    private sealed class QueueDepthProbe : IResourceChangeHandler<V1Namespace>
    {
        public WorkQueue? Queue { get; set; }

        public List<int> DepthsSeen { get; } = [];

        public void OnAdded(V1Namespace obj) => DepthsSeen.Add(Queue!.Count);

        public void OnUpdated(V1Namespace oldObj, V1Namespace newObj)
        {
        }

        public void OnDeleted(V1Namespace obj)
        {
        }
    }
}
