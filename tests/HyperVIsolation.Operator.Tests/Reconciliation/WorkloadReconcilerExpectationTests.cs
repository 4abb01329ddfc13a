using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// The reconciler against informer caches whose contents the test controls event by event, to pin down
/// how it uses <see cref="PodExpectations"/> when the pod cache lags behind its own writes.
/// </summary>
public sealed class WorkloadReconcilerExpectationTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];
    private ResourceInformer<V1Pod>? podCache;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(Timeout);
        stop.Dispose();
    }

    [Fact]
    public async Task Reconcile_CreatedPodsNeverSeen_RequeuesWhenTheExpectationsExpire()
    {
        var workload = Workload(replicas: 2);
        workload.Metadata.ResourceVersion = "1";
        var key = ObjectKey.From(workload);
        var writer = new RecordingClusterWriter();
        var reconciler = await StartReconcilerAsync(workload, new PushedResourceClient<V1Pod>(), writer, new PodExpectations(TimeProvider.System));

        await reconciler.ReconcileAsync(key, CancellationToken.None);
        var waiting = await reconciler.ReconcileAsync(key, CancellationToken.None);
        for (var pass = 0; pass < 5 && waiting.Outcome == ReconcileOutcome.RequeueAfter && waiting.Delay < TimeSpan.FromSeconds(10); pass++)
        {
            // A status write held back by the pacing asks for a quick pass first; the wait for the expectations outlasts it.
            await Task.Delay(waiting.Delay);
            waiting = await reconciler.ReconcileAsync(key, CancellationToken.None);
        }

        writer.CreatedPods.Should().HaveCount(2);
        waiting.Outcome.Should().Be(ReconcileOutcome.RequeueAfter, "if the pods' events are lost, nothing else would ever wake the workload (found by the fault soak)");
        waiting.Delay.Should().BeGreaterThan(PodExpectations.DefaultTimeToLive - TimeSpan.FromMinutes(1)).And.BeLessThanOrEqualTo(PodExpectations.DefaultTimeToLive);
    }

    [Fact]
    public async Task Reconcile_LastCreatedPodArrivesWhileThePassRuns_CreatesNoExtraPod()
    {
        var workload = Workload(replicas: 3);
        workload.Metadata.ResourceVersion = "1";
        var key = ObjectKey.From(workload);

        // A pod the workload controls whose label now names another workload: every pass releases it,
        // and the release write is where this test lets the cache move on in the middle of a pass.
        var relabelled = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-relabelled",
                NamespaceProperty = workload.Metadata.NamespaceProperty,
                Uid = "pod-uid-relabelled",
                ResourceVersion = "1",
                Labels = new Dictionary<string, string> { [WellKnownLabels.Workload] = "other" },
                OwnerReferences = [PodRenderer.ControllerReference(workload)],
            },
            Spec = new V1PodSpec(),
        };
        var podServer = new PushedResourceClient<V1Pod>(relabelled);
        var writer = new RecordingClusterWriter();
        var expectations = new PodExpectations(TimeProvider.System);
        var reconciler = await StartReconcilerAsync(workload, podServer, writer, expectations);

        await reconciler.ReconcileAsync(key, CancellationToken.None);
        writer.CreatedPods.Should().HaveCount(3, "the first pass creates every replica");
        var created = writer.CreatedPods.ToArray();
        podServer.PushAdded(created[0]);
        podServer.PushAdded(created[1]);
        await WaitUntilAsync(() => podCache!.Count == 3);
        expectations.IsSatisfied(key).Should().BeFalse("one creation is still to be seen");

        // The third pod reaches the cache after this pass has listed the pods but before it decides.
        writer.OnSetOwners = async () =>
        {
            writer.OnSetOwners = null;
            podServer.PushAdded(created[2]);
            await WaitUntilAsync(() => expectations.IsSatisfied(key));
        };
        await reconciler.ReconcileAsync(key, CancellationToken.None);
        await reconciler.ReconcileAsync(key, CancellationToken.None);

        writer.OnSetOwners.Should().BeNull("the pass under test released the relabelled pod");
        writer.CreatedPods.Should().HaveCount(3, "a pass that started before its creations were all seen must not plan from that list");
    }

    private async Task<WorkloadReconciler> StartReconcilerAsync(
        IsolatedWorkload workload, PushedResourceClient<V1Pod> podServer, RecordingClusterWriter writer, PodExpectations expectations)
    {
        var options = new ReconciliationOptions();
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = "node-0",
                ResourceVersion = "1",
                Labels = new Dictionary<string, string>
                {
                    [WellKnownLabels.Os] = "windows",
                    [WellKnownLabels.WindowsBuild] = "10.0." + Ws2022,
                    [WellKnownLabels.NodeReady] = "true",
                },
            },
        };
        var plan = WorkloadPlanner.Plan(workload, [NodeBuildInfo.FromLabels(node.Metadata.Name, node.Metadata.Labels.AsReadOnly())], [], null, options);
        plan.IsSuccess.Should().BeTrue(plan.Failure?.Message);
        var runtimeClass = new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = plan.Plan!.RuntimeClass!.Name, ResourceVersion = "1" } };

        var workloads = await StartInformerAsync(new PushedResourceClient<IsolatedWorkload>(workload));
        var pods = podCache = Informer(podServer);
        pods.AddHandler(new PodExpectationObserver(expectations));
        await RunAsync(pods);
        var runtimeClasses = await StartInformerAsync(new PushedResourceClient<V1RuntimeClass>(runtimeClass));
        var nodes = await StartInformerAsync(new PushedResourceClient<V1Node>(node));
        var policies = await StartInformerAsync(new PushedResourceClient<IsolationPolicy>());
        var namespaces = await StartInformerAsync(new PushedResourceClient<V1Namespace>());

        var events = new EventRecorder(writer, "hyperv-isolation", null, TimeProvider.System, NullLogger<EventRecorder>.Instance);
        return new WorkloadReconciler(
            workloads,
            pods,
            runtimeClasses,
            new CachedWorkloadPlanner(nodes, policies, namespaces, options),
            expectations,
            new PodClaims(writer, events),
            new WorkloadPodWriter(writer, expectations, events),
            new WorkloadStatusWriter(writer, TimeProvider.System, options),
            events,
            NullLogger<WorkloadReconciler>.Instance);
    }

    private async Task<ResourceInformer<T>> StartInformerAsync<T>(PushedResourceClient<T> server)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = Informer(server);
        await RunAsync(informer);
        return informer;
    }

    private static ResourceInformer<T> Informer<T>(PushedResourceClient<T> server)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(server, new ResourceInformerOptions<T> { Name = typeof(T).Name }, TimeProvider.System, NullLogger<ResourceInformer<T>>.Instance, NullInformerMetrics.Instance);

    private async Task RunAsync<T>(ResourceInformer<T> informer)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        running.Add(informer.RunAsync(stop.Token));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the cache should catch up within {0}", Timeout);
            await Task.Delay(5);
        }
    }
}
