namespace NeevCloud.Operator.Runtime;

/// <summary>The server no longer has the resourceVersion a watch asked for (410 Gone).</summary>
public sealed class ResourceExpiredException(string message, Exception? inner = null) : Exception(message, inner);
