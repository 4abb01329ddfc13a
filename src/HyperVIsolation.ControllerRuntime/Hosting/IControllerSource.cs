using HyperVIsolation.ControllerRuntime.Queue;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>One watched type of a controller, attached to that type's informer when the informer is created.</summary>
internal interface IControllerSource
{
    /// <summary>The watched resource type.</summary>
    Type ResourceType { get; }

    /// <summary>Adds the handler that feeds <paramref name="queue"/> to <paramref name="informer"/>, a <c>ResourceInformer</c> of <see cref="ResourceType"/>.</summary>
    void Attach(object informer, WorkQueue queue);
}
