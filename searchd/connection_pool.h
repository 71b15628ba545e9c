// The threads that carry HTTP connections. cpp-httplib holds one thread per connection for as
// long as the connection lives (reading its headers, keep-alive waits included), so with a fixed
// pool a few slow or idle clients take every thread and everyone else waits in the queue. This
// pool starts small and grows, one thread per waiting connection, up to a cap: slow connections
// then cost a thread each (mostly idle stack), not the service. Searching itself is bounded
// separately by the Service's searcher pool (--threads).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace scr::searchd {

class ConnectionPool : public httplib::TaskQueue {
 public:
  /// `initial` threads start now; more are started while connections wait, up to `max`.
  ConnectionPool(size_t initial, size_t max);
  ~ConnectionPool() override;
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  void enqueue(std::function<void()> job) override;
  /// Lets the queued connections finish, then joins every thread.
  void shutdown() override;

  size_t threads() const;

 private:
  void work();
  void start_thread();  // with mu_ held

  const size_t max_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace scr::searchd
