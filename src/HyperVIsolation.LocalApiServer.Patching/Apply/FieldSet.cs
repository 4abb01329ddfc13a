namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// A set of field paths as structured-merge-diff keeps it: a tree of encoded path elements
/// (<c>f:name</c>, <c>k:{"name":"app"}</c>, <c>v:"x"</c>) where a node is a member when the
/// path to it is in the set. A node can have children without being a member itself.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> children = new(PathElementComparer.Instance);

    public bool IsMember { get; private set; }

    public IEnumerable<KeyValuePair<string, FieldSet>> Children => children.Where(child => !child.Value.IsEmpty);

    public bool IsEmpty => !IsMember && children.Values.All(child => child.IsEmpty);

    public FieldSet GetOrAddChild(string element)
    {
        if (!children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            children[element] = child;
        }

        return child;
    }

    public void MarkMember() => IsMember = true;

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.GetOrAddChild(element);
        }

        node.MarkMember();
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>True when the path or anything below it is in the set.</summary>
    public bool ContainsAtOrBelow(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>All member paths, parents before children, in fieldsV1 order.</summary>
    public IEnumerable<IReadOnlyList<string>> MemberPaths()
    {
        var results = new List<IReadOnlyList<string>>();
        Collect([], results);
        return results;
    }

    public FieldSet Union(FieldSet other) => Build(MemberPaths().Concat(other.MemberPaths()));

    public FieldSet Intersect(FieldSet other) => Build(MemberPaths().Where(other.Contains));

    public FieldSet Except(FieldSet other) => Build(MemberPaths().Where(path => !other.Contains(path)));

    public static FieldSet Build(IEnumerable<IReadOnlyList<string>> paths)
    {
        var set = new FieldSet();
        foreach (var path in paths)
        {
            set.Insert(path);
        }

        return set;
    }

    private FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node.children.TryGetValue(element, out node))
            {
                return null;
            }
        }

        return node;
    }

    private void Collect(List<string> prefix, List<IReadOnlyList<string>> results)
    {
        if (IsMember)
        {
            results.Add([.. prefix]);
        }

        foreach (var (element, child) in children)
        {
            prefix.Add(element);
            child.Collect(prefix, results);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
