// Tests for core/id: UUIDv7 record ids made on the client.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/id.hpp"

using namespace crm;

namespace {

// The 48-bit millisecond timestamp at the front of a UUIDv7.
int64_t id_time(const std::string& id) {
    return static_cast<int64_t>(std::stoull(id.substr(0, 8) + id.substr(9, 4), nullptr, 16));
}

// The 12 bits after the version nibble (the generator's counter within one millisecond).
int id_counter(const std::string& id) { return std::stoi(id.substr(15, 3), nullptr, 16); }

void check_uuidv7_shape(const std::string& id) {
    INFO(id);
    REQUIRE(id.size() == 36);
    for (size_t i : {8u, 13u, 18u, 23u}) CHECK(id[i] == '-');
    CHECK(id[14] == '7');                                      // version 7
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // variant bits 10
    CHECK(is_uuid(id));
}

// A clock that returns the given instants one after another, then repeats the last.
IdGenerator::Clock scripted_clock(std::vector<int64_t> instants) {
    return [instants = std::move(instants), next = size_t{0}]() mutable {
        int64_t now = instants[next];
        if (next + 1 < instants.size()) ++next;
        return now;
    };
}

}  // namespace

TEST_CASE("an id is a UUIDv7: 36 lowercase hex digits and dashes, version nibble 7, variant bits 10") {
    for (int i = 0; i < 1000; ++i) check_uuidv7_shape(new_id());
    IdGenerator generator(scripted_clock({0}), 1);
    check_uuidv7_shape(generator.next());
}

TEST_CASE("the first 48 bits of an id are the clock's milliseconds") {
    IdGenerator generator(scripted_clock({0x0123456789ab}), 7);
    std::string id = generator.next();
    CHECK(id.substr(0, 13) == "01234567-89ab");
    CHECK(id_time(id) == 0x0123456789ab);
}

TEST_CASE("ids from the process generator carry the current time") {
    const int64_t before = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    int64_t stamped = id_time(new_id());
    CHECK(stamped >= before);
    CHECK(stamped <= before + 60'000);
}

TEST_CASE("ids from one generator strictly increase within one millisecond") {
    IdGenerator generator(scripted_clock({1'700'000'000'000}), 42);
    std::string previous = generator.next();
    for (int i = 0; i < 100; ++i) {
        std::string id = generator.next();
        CHECK(id > previous);
        CHECK(id_time(id) == 1'700'000'000'000);
        CHECK(id_counter(id) == id_counter(previous) + 1);
        previous = id;
    }
}

TEST_CASE("more than 4096 ids in one millisecond borrow the next millisecond and still increase") {
    const int64_t instant = 1'700'000'000'000;
    IdGenerator generator(scripted_clock({instant}), 3);
    std::string previous = generator.next();
    for (int i = 1; i < 10'000; ++i) {
        std::string id = generator.next();
        REQUIRE(id > previous);
        previous = id;
    }
    // 10,000 ids at up to 4096 per millisecond need two or three borrowed milliseconds.
    CHECK(id_time(previous) >= instant + 2);
    CHECK(id_time(previous) <= instant + 3);
}

TEST_CASE("the clock catching up with a borrowed millisecond does not repeat or reorder ids") {
    const int64_t instant = 1'700'000'000'000;
    // 5,000 calls in one millisecond (borrowing the next), then the clock reaches the borrowed one.
    IdGenerator generator(
        [instant, calls = 0]() mutable { return instant + (calls++ < 5'000 ? 0 : calls < 6'000 ? 1 : 2); }, 11);
    std::set<std::string> unique;
    std::string previous;
    for (int i = 0; i < 7'000; ++i) {
        std::string id = generator.next();
        REQUIRE(id > previous);
        unique.insert(id);
        previous = id;
    }
    CHECK(unique.size() == 7'000);
}

TEST_CASE("ids from one generator strictly increase when the clock goes backwards") {
    IdGenerator generator(scripted_clock({5'000, 5'000, 4'999, 1'000, 0, 5'001, 5'001, 3'000, 6'000}), 9);
    std::string previous = generator.next();
    for (int i = 0; i < 20; ++i) {
        std::string id = generator.next();
        CHECK(id > previous);
        CHECK(id_time(id) >= id_time(previous));  // the time never runs backwards either
        previous = id;
    }
    CHECK(id_time(previous) == 6'000);
}

TEST_CASE("an id made in a later millisecond sorts after every id of an earlier one") {
    IdGenerator generator(scripted_clock({10, 10, 10, 10, 11}), 5);
    std::vector<std::string> earlier;
    for (int i = 0; i < 4; ++i) earlier.push_back(generator.next());
    std::string later = generator.next();
    for (const std::string& id : earlier) CHECK(later > id);
    CHECK(id_time(later) == 11);
}

TEST_CASE("10,000 ids from the process generator are unique and in order of creation") {
    std::vector<std::string> ids;
    std::set<std::string> unique;
    for (int i = 0; i < 10'000; ++i) {
        ids.push_back(new_id());
        unique.insert(ids.back());
    }
    CHECK(unique.size() == 10'000);
    for (size_t i = 1; i < ids.size(); ++i) REQUIRE(ids[i] > ids[i - 1]);
}

TEST_CASE("the same clock and seed reproduce the same ids, another seed gives others") {
    auto ids_for = [](uint64_t seed) {
        IdGenerator generator(scripted_clock({100, 100, 101, 102}), seed);
        std::vector<std::string> ids;
        for (int i = 0; i < 5; ++i) ids.push_back(generator.next());
        return ids;
    };
    CHECK(ids_for(1) == ids_for(1));
    std::vector<std::string> a = ids_for(1), b = ids_for(2);
    for (size_t i = 0; i < a.size(); ++i) CHECK(a[i] != b[i]);  // the random bits keep two clients apart
}

TEST_CASE("is_uuid accepts the canonical lowercase form and nothing else") {
    CHECK(is_uuid("01890a5d-ac96-774b-bcce-b302099a8057"));
    CHECK(is_uuid("00000000-0000-0000-0000-000000000000"));
    CHECK_FALSE(is_uuid(""));
    CHECK_FALSE(is_uuid("not-a-uuid"));
    CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce-b302099a805"));    // one digit short
    CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce-b302099a80570"));  // one digit long
    CHECK_FALSE(is_uuid("01890a5dac96-774b-bcce-b302099a80571"));   // dash moved
    CHECK_FALSE(is_uuid("01890a5d-ac96-774b-bcce+b302099a8057"));
    CHECK_FALSE(is_uuid("01890A5D-AC96-774B-BCCE-B302099A8057"));   // uppercase
    CHECK_FALSE(is_uuid("01890a5g-ac96-774b-bcce-b302099a8057"));   // not hex
    CHECK_FALSE(is_uuid("{1890a5d-ac96-774b-bcce-b302099a8057}"));
}
