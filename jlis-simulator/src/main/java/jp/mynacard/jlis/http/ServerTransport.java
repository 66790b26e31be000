package jp.mynacard.jlis.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops and the server channel type: Linux's epoll through Netty's native transport
 * when its library loads (Linux x86-64), the JDK's NIO selector otherwise.
 */
record ServerTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> channelType) {

    static ServerTransport best() {
        if (Epoll.isAvailable()) {
            return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /**
     * One event loop per core: they only parse, route and write, the endpoints run on the workers.
     * Not daemon threads, like the JDK server's dispatcher: a running centre keeps its JVM alive.
     */
    EventLoopGroup eventLoops() {
        return new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("centre-io", false), ioHandlers);
    }
}
