namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Which controller's pass is running on this async flow, so that what the pass causes elsewhere (cloud calls,
/// counted per controller) can be attributed to it. The runner sets it around every pass.
/// </summary>
public static class CurrentController
{
    private static readonly AsyncLocal<string?> _name = new();

    public static string? Name => _name.Value;

    /// <summary>Sets <see cref="Name"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(string controller)
    {
        var previous = _name.Value;
        _name.Value = controller;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => _name.Value = previous;
    }
}
