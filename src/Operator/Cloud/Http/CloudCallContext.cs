namespace NeevCloud.Operator.Cloud;

/// <summary>
/// Which controller is making cloud calls on this async flow, so the request counter can be split per
/// controller ("a counter of cloud calls per controller"). The controller runtime sets it around a reconcile.
/// </summary>
public static class CloudCallContext
{
    private static readonly AsyncLocal<string?> _controller = new();

    public static string? Controller
    {
        get => _controller.Value;
        set => _controller.Value = value;
    }

    /// <summary>Sets <see cref="Controller"/> until the returned scope is disposed.</summary>
    public static IDisposable BeginController(string controller)
    {
        var previous = _controller.Value;
        _controller.Value = controller;
        return new ControllerScope(previous);
    }

    private sealed class ControllerScope(string? previous) : IDisposable
    {
        public void Dispose() => _controller.Value = previous;
    }
}
