using Integration.Tests.Infrastructure;
using k8s.Models;

namespace Integration.Tests.Runtime;

public static class WidgetCrd
{
    public static V1CustomResourceDefinition Definition =>
        TestCrds.Namespaced("runtime.neev.test", "v1", "Widget", "widgets", TestCrds.AnyObject, TestCrds.AnyObject);

    public static Widget New(string ns, string name, int size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Size = size },
    };
}
