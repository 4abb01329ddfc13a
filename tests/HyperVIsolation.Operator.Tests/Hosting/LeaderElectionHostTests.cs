using System.Diagnostics;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.Hosting;

public sealed class LeaderElectionHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TwoHosts_OnlyOneLeadsAndReconciles_StoppingItHandsOverWithinTheLease()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(client);
        await using var first = TestOperatorHost.Create(server, "replica-a", AddNamespaceController);
        await using var second = TestOperatorHost.Create(server, "replica-b", AddNamespaceController);
        var firstReconciler = first.App.Services.GetRequiredService<RecordingReconciler>();
        var secondReconciler = second.App.Services.GetRequiredService<RecordingReconciler>();

        await first.App.StartAsync();
        (await Eventually.TrueAsync(() => first.Election.IsLeader, Timeout)).Should().BeTrue("the lease is free");
        await second.App.StartAsync();
        (await Eventually.TrueAsync(() => firstReconciler.Reconciled.Count > 0, Timeout)).Should().BeTrue("the leader reconciles");
        await Task.Delay(TestOperatorHost.LeaseDuration);

        second.Election.IsLeader.Should().BeFalse("the first replica keeps renewing");
        secondReconciler.Reconciled.Should().BeEmpty("followers do not reconcile");
        (await HolderAsync(client)).Should().Be("replica-a");

        var stopwatch = Stopwatch.StartNew();
        await first.App.StopAsync();
        var tookOver = await Eventually.TrueAsync(() => second.Election.IsLeader, TestOperatorHost.LeaseDuration + TimeSpan.FromSeconds(5));
        var handover = stopwatch.Elapsed;

        tookOver.Should().BeTrue($"the follower takes over within the lease duration plus a few seconds (waited {handover})");
        (await Eventually.TrueAsync(() => secondReconciler.Reconciled.Count > 0, Timeout)).Should().BeTrue("the new leader runs the controllers");
        (await HolderAsync(client)).Should().Be("replica-b");
    }

    [Fact]
    public async Task LeaseTakenByAnotherHolder_CancelsTheInFlightReconcileWithinTheRenewDeadline()
    {
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        using var client = server.CreateClient();
        await TestOperatorHost.InstallCrdsAsync(client);
        await using var host = TestOperatorHost.Create(server, "replica-a", builder => builder.Services
            .AddController<CancellationObservingReconciler>("namespaces", sources => sources.Watch<V1Namespace>(ObjectKeyMappings.Self)));
        var reconciler = host.App.Services.GetRequiredService<CancellationObservingReconciler>();
        await host.App.StartAsync();
        await reconciler.Started.Task.WaitAsync(Timeout);

        await TakeLeaseAsync(client, "intruder");

        await reconciler.Cancelled.Task.WaitAsync(TestOperatorHost.LeaseDuration + TimeSpan.FromSeconds(3));
        host.Election.IsLeader.Should().BeFalse("no split brain: the old leader stops as soon as it cannot renew");
    }

    private static void AddNamespaceController(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.AddController<RecordingReconciler>("namespaces", sources => sources.Watch<V1Namespace>(ObjectKeyMappings.Self));

    // The leader renews concurrently, so a read-modify-write can lose the race (409); retry like any client would.
    private static async Task TakeLeaseAsync(Kubernetes client, string holder)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("hyperv-isolation-operator", "default");
            lease.Spec.HolderIdentity = holder;
            lease.Spec.LeaseDurationSeconds = 60;
            lease.Spec.RenewTime = DateTime.UtcNow;
            try
            {
                await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "hyperv-isolation-operator", "default");
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
            }
        }
    }

    private static async Task<string?> HolderAsync(Kubernetes client) =>
        (await client.CoordinationV1.ReadNamespacedLeaseAsync("hyperv-isolation-operator", "default")).Spec?.HolderIdentity;
}
