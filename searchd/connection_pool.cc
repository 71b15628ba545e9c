#include "connection_pool.h"

#include <algorithm>

namespace scr::searchd {

ConnectionPool::ConnectionPool(size_t initial, size_t max) : max_(std::max<size_t>(max, 1)) {
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < std::min(initial, max_); ++i) start_thread();
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::start_thread() {
  threads_.emplace_back([this] { work(); });
}

void ConnectionPool::enqueue(std::function<void()> job) {
  std::lock_guard lock(mu_);
  jobs_.push_back(std::move(job));
  // Every idle thread will be claimed by a queued job: start one more when there are not enough.
  if (!stopping_ && jobs_.size() > idle_ && threads_.size() < max_) start_thread();
  ready_.notify_one();
}

void ConnectionPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (auto& t : threads) t.join();
}

size_t ConnectionPool::threads() const {
  std::lock_guard lock(mu_);
  return threads_.size();
}

void ConnectionPool::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    ++idle_;
    ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    --idle_;
    if (jobs_.empty()) return;  // stopping, and nothing left to serve
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace scr::searchd
