namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>A controller added with <see cref="ControllerRuntimeServiceCollectionExtensions.AddController{TReconciler}"/>.</summary>
/// <param name="Name">The controller name (logs, metrics, queue).</param>
/// <param name="ReconcilerType">The reconciler, resolved from the container.</param>
/// <param name="Sources">What wakes it.</param>
internal sealed record ControllerRegistration(string Name, Type ReconcilerType, IReadOnlyList<IControllerSource> Sources);
