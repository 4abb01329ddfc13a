namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Settings of a <see cref="ResourceInformer{T}"/>.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed record ResourceInformerOptions<T>
    where T : class
{
    /// <summary>The informer name, for logs, metrics and health; the type name when empty.</summary>
    public string? Name { get; init; }

    /// <summary>Only this namespace, or all namespaces when <see langword="null"/>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector, when set.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector, when set.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>The page size of lists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>How long the server keeps a watch open before closing it normally.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a failed list or a broken watch; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between failed attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Applied to every object before it is cached, after <c>metadata.managedFields</c> has been removed:
    /// drop whatever else the controllers never read, to keep memory low. May modify and return its argument.
    /// </summary>
    public Func<T, T>? Transform { get; init; }

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PageSize < 1)
        {
            errors.Add($"{nameof(PageSize)} must be at least 1.");
        }

        if (WatchTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(WatchTimeout)} must be at least one second.");
        }

        if (InitialRetryDelay <= TimeSpan.Zero || MaxRetryDelay < InitialRetryDelay)
        {
            errors.Add($"{nameof(InitialRetryDelay)} must be positive and at most {nameof(MaxRetryDelay)}.");
        }

        return errors;
    }
}
