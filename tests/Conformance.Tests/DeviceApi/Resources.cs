// nanoFramework.ResourceManager members the Device folders use (the generated resource classes' calls), with the
// real signatures and empty bodies. System.Resources.ResourceManager shadows the host's, which has more members.
namespace System.Resources
{
    public class ResourceManager
    {
        public ResourceManager(string baseName, System.Reflection.Assembly assembly) { }
    }
}

namespace nanoFramework.Runtime.Native
{
    public static class ResourceUtility
    {
        public static object GetObject(System.Resources.ResourceManager rm, System.Enum id) => null;
    }
}
