package io.ctsync.daemon.netlink;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The dozen glibc calls the netlink layer needs, bound with jnr-ffi. Every pointer argument is a raw
 * native address (see {@link NativeBuffer}) and every length is explicit, so no call ever depends on a
 * {@link java.nio.ByteBuffer}'s position.
 *
 * <p>{@code sendto} takes its destination as a {@link Pointer}: with six primitive parameters, jnr-ffi
 * 2.2.17's generated x86-64 stub passes garbage as the sixth argument (seen with strace: a random {@code
 * addrlen}, so {@code EINVAL}); an object parameter selects a stub that passes all six.
 */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int bind(int fd, long sockaddr, int addrLength);

    int getsockname(int fd, long sockaddr, long addrLengthPointer);

    int setsockopt(int fd, int level, int option, long value, int valueLength);

    int getsockopt(int fd, int level, int option, long value, long valueLengthPointer);

    @ssize_t
    long sendto(int fd, long buffer, @size_t long length, int flags, Pointer destination, int destinationLength);

    @ssize_t
    long recv(int fd, long buffer, @size_t long length, int flags);

    int recvmmsg(int fd, long mmsghdrVector, int vectorLength, int flags, long timeout);

    int close(int fd);

    int open(String path, int flags);

    int setns(int fd, int namespaceType);

    int unshare(int flags);

    String strerror(int errno);
}
